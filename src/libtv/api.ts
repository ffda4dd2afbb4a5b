// The LiblibAI open-platform routes the client calls and the simulator serves (B3, B4, B5).
export const IMG2VIDEO_PATH = '/api/generate/video/kling/img2video'
export const IMG2VIDEO_TEMPLATE_UUID = '180f33c6748041b48593030156d2a71d'
export const STATUS_PATH = '/api/generate/status'
export const UPLOAD_SIGNATURE_PATH = '/api/generate/upload/signature'

/** B5 step 2: the multipart fields, in the order OSS requires, `file` last. */
export const UPLOAD_FIELDS = [
  ['key', 'key'],
  ['policy', 'policy'],
  ['x-oss-date', 'xOssDate'],
  ['x-oss-expires', 'xOssExpires'],
  ['x-oss-signature', 'xOssSignature'],
  ['x-oss-credential', 'xOssCredential'],
  ['x-oss-signature-version', 'xOssSignatureVersion'],
] as const

/** B3: startFrame images are at most 10 MB. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024
/** B3: prompts are at most 2000 characters for img2video. */
export const MAX_PROMPT_CHARS = 2000
