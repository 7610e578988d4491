// 简体中文: the desktop shell's words (see types.ts).
import type { ShellMessages } from './types'

export const shellZhCN: ShellMessages = {
  status: {
    available: '在线',
    away: '离开',
    busy: '忙碌',
    dnd: '请勿打扰',
    invisible: '隐身',
  },
  callState: { calling: '正在呼叫', ringing: '正在振铃', connected: '通话中', held: '已保持' },
  connection: {
    registered: '已注册',
    connecting: '正在连接',
    offline: '离线',
    failed: '注册失败',
  },
  tray: {
    answer: '接听 {name} 的来电',
    decline: '拒接',
    hangUp: '挂断与 {name} 的通话',
    myStatus: '我的状态',
    recentCalls: '最近通话',
    show: '显示 Switchboard',
    quit: '退出',
    incoming: '来电：{name}',
    unread: '{n} 条未读消息',
    missed: '{n} 个未接来电',
    voicemail: '语音信箱：{n} 条新留言',
  },
  notification: {
    incomingCall: '来电',
    missedCall: '未接来电',
    answer: '接听',
    decline: '拒接',
  },
  trayHint: {
    title: 'Switchboard 仍在运行',
    body: '您仍会收到来电和消息。如需退出，请在托盘菜单中选择“退出”。',
  },
}
