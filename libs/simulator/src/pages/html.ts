import { html as markup, SafeHtml } from 'nestjs-twpay/protocol';

// The escaping template tag is the library's `html`; the simulator's pages call it `markup`.
export { markup, SafeHtml };

/** A whole page with the simulator's small inline style sheet: no external assets. */
export function page(title: string, body: SafeHtml): string {
  return markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<p class="banner">Local gateway simulator (nestjs-twpay): no real card is charged.</p>
${body}
</body>
</html>
`.value;
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 70rem; padding: 0 1rem; color: #222; }
.banner { background: #fff3cd; border: 1px solid #e0c36a; padding: .4rem .8rem; font-size: .9rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; font-size: .9rem; }
th { background: #f4f4f4; }
form.inline { display: inline; }
label { display: block; margin: .5rem 0; }
input, select, button { font-size: 1rem; padding: .25rem .4rem; }
.error { color: #a00; font-weight: bold; }
.ok { color: #070; font-weight: bold; }
.muted { color: #666; font-size: .85rem; }
code, pre { background: #f6f6f6; padding: .1rem .3rem; word-break: break-all; white-space: pre-wrap; }
`;
