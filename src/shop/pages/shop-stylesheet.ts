/**
 * The shop's whole stylesheet, inlined into every page's <style> by the layout: the example needs
 * no asset pipeline and no static-file route.
 */
export const SHOP_STYLESHEET = `
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2933; background: #f7f8fa; }
header { display: flex; justify-content: space-between; align-items: center; padding: .8rem 1.5rem; background: #fff; border-bottom: 1px solid #e4e7eb; }
header a { color: #1f2933; text-decoration: none; margin-left: 1rem; }
header .brand { font-weight: 700; margin-left: 0; }
main { max-width: 56rem; margin: 1.5rem auto; padding: 0 1.5rem; }
footer { max-width: 56rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
.lead { color: #3e4c59; }
.muted { color: #7b8794; font-size: .9rem; }
.note { background: #fffbea; border: 1px solid #f0d98c; padding: .6rem .9rem; border-radius: 6px; }
.plans { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin: 1rem 0; }
.plan { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 1rem 1.2rem; }
.plan h2 { margin: 0; font-size: 1.2rem; }
.plan .price { font-size: 1.8rem; font-weight: 700; margin: .4rem 0; }
button { font-size: 1rem; padding: .45rem 1rem; border: 0; border-radius: 6px; background: #2563eb; color: #fff; cursor: pointer; }
button.secondary { background: #52606d; }
table { border-collapse: collapse; background: #fff; margin: .5rem 0 1rem; }
th, td { border: 1px solid #e4e7eb; padding: .35rem .7rem; text-align: left; }
th { background: #f0f2f5; font-weight: 600; }
.badge { display: inline-block; vertical-align: middle; font-size: .8rem; font-weight: 600; padding: .15rem .55rem; border-radius: 999px; background: #e4e7eb; color: #323f4b; text-transform: uppercase; letter-spacing: .03em; }
.status-active, .status-paid { background: #d1fae5; color: #065f46; }
.status-completed { background: #dbeafe; color: #1e40af; }
.status-past_due, .status-applying { background: #fef3c7; color: #92400e; }
.status-first_auth_failed, .status-terminated, .status-failed { background: #fee2e2; color: #991b1b; }
.timeline { list-style: none; padding: 0; border-left: 3px solid #cbd2d9; margin: .5rem 0 1rem .5rem; }
.timeline li { position: relative; padding: .35rem .8rem; margin-left: .8rem; display: flex; gap: 1rem; flex-wrap: wrap; }
.timeline li::before { content: ""; position: absolute; left: -1.35rem; top: .75rem; width: .7rem; height: .7rem; border-radius: 50%; background: #cbd2d9; }
.timeline li.ok::before { background: #10b981; }
.timeline li.failed::before { background: #ef4444; }
.timeline .seq { font-weight: 600; min-width: 5rem; }
.timeline .result { min-width: 4rem; }
.timeline li.ok .result { color: #047857; }
.timeline li.failed .result { color: #b91c1c; }
.simulator { background: #fff; border: 1px dashed #9aa5b1; border-radius: 8px; padding: .6rem 1rem 1rem; }
.simulator h2 { font-size: 1.1rem; }
.simulator a { margin-left: .8rem; }
form.inline { display: inline; }
code { background: #eef1f4; padding: .05rem .3rem; border-radius: 4px; }
`;
