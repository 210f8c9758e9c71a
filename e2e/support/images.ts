import sharp from 'sharp';

/** A PNG of one colour, as a user's photo or chart stands in for in the tests. */
export const solidPng = (width: number, height: number, colour = '#0b4f94'): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
