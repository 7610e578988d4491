// A child process that dies with us. The child runs under a small shell holding our stdin: when
// this process goes away for any reason (even SIGKILL) the pipe closes and the shell signals the
// child, so nothing is orphaned. (A background job's stdin is /dev/null in sh, hence the copy on
// fd 3.) Spawn `/bin/sh -c <script> <name> <program> <args…>` with stdin a pipe.

/** The shell script; `signal` is what the child gets when we are gone. */
export function watchdogScript(signal: 'TERM' | 'KILL'): string {
  return [
    'exec 3<&0',
    '"$@" </dev/null 3<&- &',
    'k=$!',
    `( cat <&3 >/dev/null; kill -${signal} "$k" 2>/dev/null ) &`,
    'w=$!',
    'wait "$k"',
    'code=$?',
    'kill "$w" 2>/dev/null',
    'exit "$code"',
  ].join('\n')
}
