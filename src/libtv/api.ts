// The LiblibAI open-platform routes the client calls and the simulator serves (docs/libtv.md).
export const IMG2VIDEO_PATH = '/api/generate/video/kling/img2video'
export const IMG2VIDEO_TEMPLATE_UUID = '180f33c6748041b48593030156d2a71d'
export const STATUS_PATH = '/api/generate/status'
export const UPLOAD_SIGNATURE_PATH = '/api/generate/upload/signature'

/** Upload step 2 (docs/libtv.md#uploading-an-image): the multipart fields, in the order OSS requires, `file` last. */
export const UPLOAD_FIELDS = [
  ['key', 'key'],
  ['policy', 'policy'],
  ['x-oss-date', 'xOssDate'],
  ['x-oss-expires', 'xOssExpires'],
  ['x-oss-signature', 'xOssSignature'],
  ['x-oss-credential', 'xOssCredential'],
  ['x-oss-signature-version', 'xOssSignatureVersion'],
] as const

/** LibTV takes startFrame images of at most 10 MB. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024
/** LibTV takes img2video prompts of at most 2000 characters. */
export const MAX_PROMPT_CHARS = 2000
