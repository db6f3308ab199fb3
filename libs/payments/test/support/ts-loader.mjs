// `node --import ./ts-loader.mjs file.ts`: registers ts-loader-hooks.mjs.
import { register } from 'node:module';

register('./ts-loader-hooks.mjs', import.meta.url);
