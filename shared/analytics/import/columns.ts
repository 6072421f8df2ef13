/**
 * Column names of the platform's analytics downloads. They are not documented and change, so
 * each measure lists the spellings seen (English, German, Spanish, French, Portuguese, Chinese);
 * names are compared case- and accent-insensitively, ignoring punctuation. Anything else is
 * left for the person to map in the preview.
 */
export const IMPORT_FIELDS = [
  'date',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'profileViews',
  'followers',
  'watchTimeMs',
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  date: 'Date',
  views: 'Video views (per day)',
  likes: 'Likes (per day)',
  comments: 'Comments (per day)',
  shares: 'Shares (per day)',
  saves: 'Saves (per day)',
  profileViews: 'Profile views (per day)',
  followers: 'Followers (total)',
  watchTimeMs: 'Watch time, seconds (per day)',
}

const SPELLINGS: Record<ImportField, readonly string[]> = {
  date: ['date', 'day', 'datum', 'tag', 'fecha', 'dia', 'jour', 'data', '日期'],
  views: [
    'video views',
    'views',
    'video view',
    'aufrufe',
    'videoaufrufe',
    'visualizaciones',
    'visualizaciones de video',
    'vues',
    'vues de video',
    'visualizacoes',
    '视频观看次数',
    '播放量',
  ],
  likes: [
    'likes',
    'like',
    'gefallt mir',
    'gefallt mir angaben',
    'me gusta',
    'jaime',
    'curtidas',
    '点赞数',
  ],
  comments: ['comments', 'kommentare', 'comentarios', 'commentaires', '评论数'],
  shares: [
    'shares',
    'geteilt',
    'teilen',
    'compartidos',
    'veces compartido',
    'partages',
    'compartilhamentos',
    '分享次数',
  ],
  saves: [
    'saves',
    'favorites',
    'favourites',
    'gespeichert',
    'guardados',
    'enregistrements',
    '收藏数',
  ],
  profileViews: [
    'profile views',
    'profilaufrufe',
    'visitas al perfil',
    'vues du profil',
    'visualizacoes do perfil',
    '主页访问量',
  ],
  followers: ['followers', 'total followers', 'follower', 'seguidores', 'abonnes', '粉丝数'],
  watchTimeMs: [
    'total play time',
    'total watch time',
    'watch time',
    'wiedergabezeit',
    'tiempo de reproduccion',
    'duree de visionnage',
  ],
}

export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

const LOOKUP = new Map<string, ImportField>(
  Object.entries(SPELLINGS).flatMap(([field, names]) =>
    names.map((n) => [normalizeName(n), field as ImportField] as const),
  ),
)

export function fieldOfColumn(name: string): ImportField | null {
  return LOOKUP.get(normalizeName(name)) ?? null
}
