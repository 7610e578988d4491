// The screen sharing strings (en-sharing.ts) in the other languages.
import type { sharingEn } from './en-sharing'

type SharingText = { [K in keyof typeof sharingEn]: string }

export const sharingDe: SharingText = { share: 'Bildschirm teilen', stop: 'Teilen beenden' }
export const sharingFr: SharingText = { share: 'Partager l’écran', stop: 'Arrêter le partage' }
export const sharingEs: SharingText = { share: 'Compartir pantalla', stop: 'Dejar de compartir' }
export const sharingPtBR: SharingText = {
  share: 'Compartilhar tela',
  stop: 'Parar de compartilhar',
}
export const sharingZhCN: SharingText = { share: '共享屏幕', stop: '停止共享' }
export const sharingAr: SharingText = { share: 'مشاركة الشاشة', stop: 'إيقاف المشاركة' }
