// The recording strings (en-recording.ts) in the other languages; each language file includes
// its own. Placeholders stay as in English.
import type { recordingEn, recordingSettingsEn } from './en-recording'

type RecordingText = { [K in keyof typeof recordingEn]: string }
type RecordingSettingsText = { [K in keyof typeof recordingSettingsEn]: string }

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

export const recordingSettingsDe: RecordingSettingsText = {
  tone: 'Beim Start einer Aufnahme einen Ton abspielen',
  folder: 'Ordner für Aufnahmen',
  choose: 'Auswählen…',
  chooseFailed: 'Ordner konnte nicht gewählt werden: {reason}',
}

export const recordingSettingsFr: RecordingSettingsText = {
  tone: 'Émettre un bip au début de l’enregistrement',
  folder: 'Dossier des enregistrements',
  choose: 'Choisir…',
  chooseFailed: 'Impossible de choisir le dossier : {reason}',
}

export const recordingSettingsEs: RecordingSettingsText = {
  tone: 'Reproducir un tono al empezar a grabar',
  folder: 'Carpeta de grabaciones',
  choose: 'Elegir…',
  chooseFailed: 'No se pudo elegir la carpeta: {reason}',
}

export const recordingSettingsPtBR: RecordingSettingsText = {
  tone: 'Tocar um sinal ao iniciar a gravação',
  folder: 'Pasta de gravações',
  choose: 'Escolher…',
  chooseFailed: 'Não foi possível escolher a pasta: {reason}',
}

export const recordingSettingsZhCN: RecordingSettingsText = {
  tone: '开始录音时播放提示音',
  folder: '录音文件夹',
  choose: '选择…',
  chooseFailed: '无法选择文件夹：{reason}',
}

export const recordingSettingsAr: RecordingSettingsText = {
  tone: 'تشغيل نغمة عند بدء التسجيل',
  folder: 'مجلد التسجيلات',
  choose: 'اختيار…',
  chooseFailed: 'تعذّر اختيار المجلد: {reason}',
}
