// The screen sharing strings (en-sharing.ts) in the other languages.
import type { sharingEn } from './en-sharing'

type SharingText = {
  [K in keyof typeof sharingEn]: (typeof sharingEn)[K] extends string
    ? string
    : { [P in keyof (typeof sharingEn)[K]]: string }
}

export const sharingDe: SharingText = {
  share: 'Bildschirm teilen',
  stop: 'Teilen beenden',
  picker: {
    title: 'Was möchten Sie teilen?',
    screens: 'Bildschirme',
    windows: 'Fenster',
    untitled: 'Fenster ohne Titel',
    none: 'Es gibt keinen Bildschirm und kein Fenster zum Teilen.',
    failed: 'Bildschirme und Fenster konnten nicht aufgelistet werden.',
    cancel: 'Abbrechen',
  },
}
export const sharingFr: SharingText = {
  share: 'Partager l’écran',
  stop: 'Arrêter le partage',
  picker: {
    title: 'Choisir ce que vous partagez',
    screens: 'Écrans',
    windows: 'Fenêtres',
    untitled: 'Fenêtre sans titre',
    none: 'Aucun écran ni aucune fenêtre à partager.',
    failed: 'Impossible de lister les écrans et les fenêtres.',
    cancel: 'Annuler',
  },
}
export const sharingEs: SharingText = {
  share: 'Compartir pantalla',
  stop: 'Dejar de compartir',
  picker: {
    title: 'Elige qué compartir',
    screens: 'Pantallas',
    windows: 'Ventanas',
    untitled: 'Ventana sin título',
    none: 'No hay ninguna pantalla ni ventana para compartir.',
    failed: 'No se pudieron enumerar las pantallas y ventanas.',
    cancel: 'Cancelar',
  },
}
export const sharingPtBR: SharingText = {
  share: 'Compartilhar tela',
  stop: 'Parar de compartilhar',
  picker: {
    title: 'Escolha o que compartilhar',
    screens: 'Telas',
    windows: 'Janelas',
    untitled: 'Janela sem título',
    none: 'Não há tela nem janela para compartilhar.',
    failed: 'Não foi possível listar as telas e janelas.',
    cancel: 'Cancelar',
  },
}
export const sharingZhCN: SharingText = {
  share: '共享屏幕',
  stop: '停止共享',
  picker: {
    title: '选择要共享的内容',
    screens: '屏幕',
    windows: '窗口',
    untitled: '无标题窗口',
    none: '没有可共享的屏幕或窗口。',
    failed: '无法列出屏幕和窗口。',
    cancel: '取消',
  },
}
export const sharingAr: SharingText = {
  share: 'مشاركة الشاشة',
  stop: 'إيقاف المشاركة',
  picker: {
    title: 'اختر ما تريد مشاركته',
    screens: 'الشاشات',
    windows: 'النوافذ',
    untitled: 'نافذة بلا عنوان',
    none: 'لا توجد شاشة أو نافذة للمشاركة.',
    failed: 'تعذّر عرض الشاشات والنوافذ.',
    cancel: 'إلغاء',
  },
}
