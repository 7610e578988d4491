// SIP.js 0.21.2's grammar lets a URI's `maddr` parameter replace the URI's host: the parameter's
// value is parsed with the same `host` rule whose action writes `options.data.host`, and the URI
// is built from `options.data.host` afterwards. So `<sip:bob@evil.example;maddr=127.0.0.1>` came
// out as `sip:bob@127.0.0.1` — anyone on another domain could pose as a local user (issue 10).
// A Via's `maddr` did the same to the Via's sent-by host.
//
// The fix: the `host` action remembers the host it overwrote, and both maddr actions put it back.
// peggy runs actions as soon as their rule matches (no result cache in this grammar), so the
// maddr action always runs right after the `host` action that parsed its own value.
//
// Like the bytecode cache, this throws if the file does not look as expected, so a build cannot
// quietly ship the spoofable grammar.

const HOST_ACTION = `        function () {
            options = options || { data: {} };
            options.data.host = text();
            return options.data.host;
        },`

const HOST_ACTION_KEEPING = `        function () {
            options = options || { data: {} };
            peg$hostBeforeParam = options.data.host;
            options.data.host = text();
            return options.data.host;
        },`

const URI_MADDR_ACTION = `        function (maddr) {
            options = options || { data: {} };
            if (!options.data.uri_params)
                options.data.uri_params = {};
            options.data.uri_params['maddr'] = maddr;
        },`

const URI_MADDR_ACTION_KEEPING = `        function (maddr) {
            options = options || { data: {} };
            options.data.host = peg$hostBeforeParam;
            if (!options.data.uri_params)
                options.data.uri_params = {};
            options.data.uri_params['maddr'] = maddr;
        },`

const VIA_MADDR_ACTION = `        function (via_maddr) {
            options = options || { data: {} };
            options.data.maddr = via_maddr;
        },`

const VIA_MADDR_ACTION_KEEPING = `        function (via_maddr) {
            options = options || { data: {} };
            options.data.host = peg$hostBeforeParam;
            options.data.maddr = via_maddr;
        },`

const PARSE = 'function peg$parse(input, options) {'

function once(code: string, part: string): boolean {
  return code.split(part).length === 2
}

/** The grammar module's source with maddr no longer replacing the host; throws if it does not match. */
export function keepHostOverMaddr(source: string): string {
  const code = source.replace(/\r\n/g, '\n')
  const parts = [HOST_ACTION, URI_MADDR_ACTION, VIA_MADDR_ACTION, PARSE]
  if (!parts.every((part) => once(code, part))) {
    throw new Error(
      'sip-grammar-maddr: SIP.js grammar.js does not have the expected host/maddr actions; ' +
        'check the SIP.js version and update scripts/vite/sip-grammar-maddr.ts',
    )
  }
  return code
    .replace(HOST_ACTION, HOST_ACTION_KEEPING)
    .replace(URI_MADDR_ACTION, URI_MADDR_ACTION_KEEPING)
    .replace(VIA_MADDR_ACTION, VIA_MADDR_ACTION_KEEPING)
    .replace(
      PARSE,
      `${PARSE}\n    // The host a maddr parameter's value overwrote (see scripts/vite/sip-grammar-maddr.ts).\n` +
        `    let peg$hostBeforeParam;`,
    )
}
