/**
 * A warm-up of the tokenizer and the sentence splitter, run once when the stage loads.
 *
 * V8 optimises `tokenize` and `segment` after a few articles, from the type feedback their
 * branches have collected so far. A branch no article has taken yet (a URL, an e-mail, a soft
 * hyphen outside a word, an ISO date, an English possessive, a bullet list...) has none, and the
 * first article that takes it throws the optimised code away ("insufficient type feedback"): the
 * whole function is compiled again, ~10-40 ms of CPU each time, many times over a long run. The
 * sample below takes those branches once, with a Cyrillic and the English abbreviation table, before the
 * first article, so that the feedback is there when V8 optimises. Results are discarded;
 * tokenizing is a pure function of the text and the language (no state is left behind).
 */
import { segmentText } from './tokenize.js';

/** one text holding the tokenizer's and the splitter's rare constructs (a test input, not data) */
const SAMPLE = [
  'МОСКВА, 5 февраля. /ТАСС/. Москва. 10 февраля. В. Путин и Дж. Байден (U.S., т.д., A.B.C.) провели 2-й раунд 2019г. в 10км. от границы.',
  'Курс — 3,5 руб.; 12 100 и 1 000 000 долл., 10.02.2026, 2026-02-05, 2020-2021, 12:30, 24/7, 90-х, 1-й, 5% за $10, €3, № 7, #tag & co § 2 + 1 = 3.',
  'Подробнее: https://example.org/news/1?id=2, www.example.com, rbc.ru/politics, INTERFAX.RU, press@example.org, @EP_President и Nord_Stream_2.',
  'пере\u00adговоры, a\u200db, x\u2060y \u2060 \u00ad \ufe0f \u200c, п’ятий, пʼятий, O\'Neill, Trump’s and NATO\'s talks; Ёлка, ʼ, é, ß, α, 😀 \ud800.',
  '«Мы готовы?!» — сказал он. «Нет!!!» – ответила она... Так ли?.. -- Да. “Quoted.” said Smith. “Really?” asked Jones. (См. [1].) Итог.[12] Конец',
  'В 2020 г. Он уехал. В 1990-х гг. было иначе, т.е. по-другому, и т. д. и т. п. Около 5 тыс. чел. пришли; 1 млрд дол. США.',
  '• первый пункт\n• второй пункт\n▪ третий\n\nЗаголовок без точки\nстрока, перенесённая\nвнутри предложения. Dr. Smith met Mr. Jones in the U.K. on Jan. 5. He said: "Yes."',
  'Итог. $10 потрачено. € 5 евро. @user пишет. — 5 человек. — «Да». Текст • пункт • • два. слово .слово. Ґанок і ґрунт, Їжак, Єва.',
  'Конец. —',
  'Москва. 5',
].join('\n');

let warmed = false;

/** tokenizes and splits the sample once per language (idempotent) */
export function warmTokenizer(): void {
  if (warmed) return;
  warmed = true;
  for (const lang of ['ru', 'en']) segmentText(SAMPLE, { lang });
}
