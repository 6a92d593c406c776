export const SEGMENT_ITEM_KEYS: string[];
