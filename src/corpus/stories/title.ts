/**
 * The title a story shows per language: the headline of its most central article. An article with
 * no title of its own shows its first line that is no page furniture (a scraped menu word such as
 * `Поиск`, a photo caption `… / © Associated Press`, a cookie notice); a stored title that is itself
 * furniture is passed over the same way.
 */
import { firstContentLine, isFurnitureLine } from '../../ingest/furniture.js';

export function storyHeadline(title: string | null, text: string | null): string {
  if (title && title.trim() && !isFurnitureLine(title)) return title.trim();
  const first = firstContentLine(text ?? '');
  if (first.length <= 160) return first || (title ?? '').trim();
  const cut = first.lastIndexOf(' ', 160);
  return first.slice(0, cut > 80 ? cut : 160) + ' …';
}
