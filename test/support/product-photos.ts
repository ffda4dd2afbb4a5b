import sharp from 'sharp'

// Three photos of one product that look nothing alike (issue 24's journey): the front, a detail
// and the product in use, each a solid ground with its own shape, so a frame or a capture tells
// them apart at a glance.

const svg = (ground: string, shape: string) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1200"><rect width="900" height="1200" fill="${ground}"/>${shape}</svg>`,
  )

export const PHOTO_GROUNDS = { front: [200, 40, 40], detail: [40, 160, 60], inUse: [40, 70, 200] } as const

export async function productPhotos(): Promise<{ front: Buffer; detail: Buffer; inUse: Buffer }> {
  const jpeg = (image: Buffer) => sharp(image).jpeg({ quality: 88 }).toBuffer()
  const [front, detail, inUse] = await Promise.all([
    jpeg(svg('rgb(200,40,40)', '<rect x="300" y="350" width="300" height="500" rx="40" fill="#f5f0e6"/>')),
    jpeg(
      svg(
        'rgb(40,160,60)',
        '<g fill="#101010"><rect x="0" y="200" width="900" height="60"/><rect x="0" y="500" width="900" height="60"/><rect x="0" y="800" width="900" height="60"/></g>',
      ),
    ),
    jpeg(svg('rgb(40,70,200)', '<circle cx="450" cy="600" r="260" fill="#ffd23f"/>')),
  ])
  return { front, detail, inUse }
}
