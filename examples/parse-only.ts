/**
 * Parse only: OCR and a parser, no extraction. The same PDF rendered two ways: a layout-faithful
 * character grid (each table row on one line, columns aligned) and Markdown with a pipe table.
 *
 * Run: npx tsx examples/parse-only.ts
 */
import { linearPipeline, ParsingMethod, Stage } from '../src/index.js';

const invoice = new URL('./documents/invoice.pdf', import.meta.url);
for (const method of [ParsingMethod.LAYOUT_CONSERVED, ParsingMethod.MARKDOWN]) {
  const pipeline = linearPipeline({ stages: [Stage.OCR, Stage.PARSER], parser: { method } });
  const { stages } = await pipeline.run(invoice);
  const pages = stages.parser?.pages ?? [];
  const [first] = pages;
  console.log(`--- ${method}: page ${first?.pageNumber} of ${pages.length} ---`);
  console.log(first?.text);
  await pipeline.close();
}
