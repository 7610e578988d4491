// The recording strings (en-recording.ts) in the other languages; each language file includes
// its own. Placeholders stay as in English.
import type { recordingEn } from './en-recording'

type RecordingText = { [K in keyof typeof recordingEn]: string }

export const recordingDe: RecordingText = {
  record: 'Aufnehmen',
  stop: 'Aufnahme beenden',
  indicator: 'Aufnahme läuft',
  list: 'Aufnahmen',
  play: '{name} abspielen',
  delete: '{name} löschen',
  reveal: '{name} im Ordner zeigen',
  failed: 'Aufnahme nicht möglich: {reason}',
}

export const recordingFr: RecordingText = {
  record: 'Enregistrer',
  stop: 'Arrêter l’enregistrement',
  indicator: 'Enregistrement en cours',
  list: 'Enregistrements',
  play: 'Écouter {name}',
  delete: 'Supprimer {name}',
  reveal: 'Afficher {name} dans son dossier',
  failed: 'Impossible d’enregistrer : {reason}',
}

export const recordingEs: RecordingText = {
  record: 'Grabar',
  stop: 'Detener la grabación',
  indicator: 'Grabando',
  list: 'Grabaciones',
  play: 'Reproducir {name}',
  delete: 'Eliminar {name}',
  reveal: 'Mostrar {name} en su carpeta',
  failed: 'No se pudo grabar: {reason}',
}

export const recordingPtBR: RecordingText = {
  record: 'Gravar',
  stop: 'Parar gravação',
  indicator: 'Gravando',
  list: 'Gravações',
  play: 'Reproduzir {name}',
  delete: 'Excluir {name}',
  reveal: 'Mostrar {name} na pasta',
  failed: 'Não foi possível gravar: {reason}',
}

export const recordingZhCN: RecordingText = {
  record: '录音',
  stop: '停止录音',
  indicator: '正在录音',
  list: '录音文件',
  play: '播放 {name}',
  delete: '删除 {name}',
  reveal: '在文件夹中显示 {name}',
  failed: '无法录音：{reason}',
}

export const recordingAr: RecordingText = {
  record: 'تسجيل',
  stop: 'إيقاف التسجيل',
  indicator: 'جارٍ التسجيل',
  list: 'التسجيلات',
  play: 'تشغيل {name}',
  delete: 'حذف {name}',
  reveal: 'إظهار {name} في مجلده',
  failed: 'تعذّر التسجيل: {reason}',
}
