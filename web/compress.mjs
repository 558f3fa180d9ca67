#!/usr/bin/env node
// After `vite build`: writes .br and .gz beside every text asset of web/dist so `parley serve`
// (@fastify/static with preCompressed) sends them compressed without compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('./dist/', import.meta.url).pathname;
let raw = 0;
let br = 0;
(function walk(dir) {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(js|css|html|svg|json)$/.test(n)) {
      const buf = readFileSync(p);
      const b = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } });
      writeFileSync(`${p}.br`, b);
      writeFileSync(`${p}.gz`, gzipSync(buf, { level: 9 }));
      raw += buf.length;
      br += b.length;
    }
  }
})(dist);
console.log(`web/dist: ${(raw / 1024).toFixed(0)} kB of text assets, ${(br / 1024).toFixed(0)} kB brotli (.br and .gz written beside them)`);
