const t0 = performance.now();
const lap = (l) => console.log(l, Math.round(performance.now() - t0));
await import('playwright'); lap('playwright');
await import('pdf-lib'); lap('pdf-lib');
const g = await import('./node_modules/.cache/deck/commands/pdf.js').catch(e=>e); lap('bundle (all)');
