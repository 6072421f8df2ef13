/** Words the sandbox builds names, captions, brands and products from. */
export const HANDLE_FIRST = [
  'sam',
  'juno',
  'mika',
  'rio',
  'ada',
  'leo',
  'nova',
  'kai',
  'ivy',
  'theo',
  'zoe',
  'milo',
] as const
export const HANDLE_SECOND = [
  'makes',
  'cooks',
  'fits',
  'travels',
  'lifts',
  'paints',
  'codes',
  'plants',
  'styles',
  'bakes',
] as const
export const NICKNAMES = [
  'Sam',
  'Juno',
  'Mika',
  'Rio',
  'Ada',
  'Leo',
  'Nova',
  'Kai',
  'Ivy',
  'Theo',
  'Zoe',
  'Milo',
] as const
export const TOPICS = [
  'morning routine',
  'budget meal prep',
  '3 outfit ideas',
  'day in my life',
  'quick workout',
  'desk setup tour',
  'plant care tips',
  'easy sourdough',
  'travel hacks',
  'room makeover',
  'skincare basics',
  'trying a viral recipe',
  'studio vlog',
  'tiny apartment tour',
] as const
export const HASHTAGS = [
  'fyp',
  'learnontiktok',
  'dayinmylife',
  'recipe',
  'ootd',
  'homedecor',
  'fitness',
  'travel',
  'smallbusiness',
  'diy',
] as const
export const BRANDS = [
  'Lumen Skincare',
  'Oakline Coffee',
  'Northwind Outdoor',
  'Pixel & Pine',
  'Bloom Botanics',
  'Strata Audio',
  'Kindred Kitchen',
  'Velo Bikes',
  'Tidepool Swim',
  'Moss & Stone Home',
] as const
export const PRODUCTS = [
  { title: 'Reusable glass water bottle', priceMinor: 2_499 },
  { title: 'Linen tote bag', priceMinor: 1_899 },
  { title: 'Ceramic pour-over set', priceMinor: 3_999 },
  { title: 'Resistance band kit', priceMinor: 2_999 },
  { title: 'Silk pillowcase', priceMinor: 3_499 },
  { title: 'LED ring light 10"', priceMinor: 4_599 },
  { title: 'Herb garden starter', priceMinor: 2_799 },
  { title: 'Travel packing cubes (6)', priceMinor: 2_299 },
  { title: 'Vitamin C serum', priceMinor: 2_199 },
  { title: 'Wireless earbuds', priceMinor: 5_999 },
  { title: 'Cast-iron skillet 10"', priceMinor: 3_299 },
  { title: 'Desk cable organiser', priceMinor: 1_499 },
  { title: 'Yoga mat, cork', priceMinor: 6_499 },
  { title: 'Scented soy candle', priceMinor: 1_799 },
] as const
export const BRIEF_ASKS = [
  'show how it fits into your everyday routine',
  'a genuine first-impressions video',
  'a before/after with your honest take',
  'a tutorial that features the product naturally',
] as const
export const FOLLOW_UPS = [
  'Hi! Just checking you saw our brief — happy to answer any questions.',
  'Loved your recent videos. Would next week work for a first draft?',
  'Quick note: we can send the product by express shipping if that helps your timeline.',
] as const

/** A sandbox brand's answers to the team's messages. */
export const BRAND_ANSWERS = [
  'Thanks for getting back to us! Noted — we will share this with the team.',
  'Sounds good. Let us know if you need anything else for the brief.',
  'Great question — the product ships this week, tracking to follow.',
  'Perfect, thank you. We are looking forward to the first draft.',
] as const

/** What a sandbox brand says when it meets a counter-offer halfway. */
export const HALFWAY_NOTES = [
  'Thanks for coming back to us. We can meet you halfway — would this work?',
  'That is a bit above our budget. How about we split the difference?',
] as const

export const ACCEPT_NOTES = [
  'Deal — we accept your offer. Contract details to follow.',
  'That works for us. Welcome aboard!',
] as const

export const DECLINE_NOTES = [
  'Unfortunately that is well beyond our budget for this campaign, so we will pass this time.',
  'Thanks for your time — we cannot stretch that far and will go another way.',
] as const
