/// The page's inline stylesheet: readable on a laptop, at a 390-pixel phone width (charts take
/// the column's width but keep a minimum width, so their figure scrolls sideways on a phone;
/// tables scroll sideways inside their own box, with a shadow at an edge that hides content;
/// column headers wrap) and on paper
/// (print rules: no backgrounds needed, no page break inside a figure, a finding block or a table
/// row, headings kept with what follows, table headers repeated; whole sections are longer than a
/// page, and keeping them unbroken left pages half empty). Contains no `<` or `&`, so the page
/// stays parseable as XML.
enum PageStyle {
    static let css = """
    :root { color-scheme: light; --ink: #1a1a1a; --muted: #555555; --rule: #d9d9d9; --accent: #31688e; --finding: #eef4f8; --warn: #d55e00; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0; background: #ffffff; color: var(--ink); font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 16px; line-height: 1.5; }
    .page { max-width: 960px; margin: 0 auto; padding: 28px 24px 48px; }
    h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.3rem; }
    h2 { font-size: 1.4rem; line-height: 1.25; margin: 0 0 0.4rem; }
    h3 { font-size: 1.05rem; margin: 1.2rem 0 0.3rem; }
    a { color: var(--accent); }
    .subtitle { color: var(--muted); margin: 0 0 1rem; }
    .identifying { border: 3px solid var(--warn); background: #fff3e8; padding: 12px 16px; margin: 0 0 1.2rem; border-radius: 6px; }
    .identifying strong { display: block; font-size: 1.15rem; color: #8a3c00; text-transform: uppercase; letter-spacing: 0.02em; }
    .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(165px, 1fr)); gap: 8px; margin: 0.6rem 0 1rem; }
    .facts div { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 10px; min-width: 0; }
    .facts dt { font-size: 0.8rem; color: var(--muted); }
    .facts dd { margin: 0; font-weight: 600; font-size: 1.02rem; overflow-wrap: anywhere; }
    .headlines { margin: 0.8rem 0; padding-left: 1.2rem; }
    .headlines li { margin: 0.25rem 0; }
    nav.toc { margin: 1rem 0 0; font-size: 0.95rem; }
    nav.toc ol { margin: 0.2rem 0 0; padding-left: 1.4rem; columns: 2; column-gap: 2rem; }
    section { margin-top: 2.4rem; padding-top: 1rem; border-top: 1px solid var(--rule); }
    section.overview { margin-top: 1rem; }
    .lead { color: var(--muted); margin: 0 0 0.6rem; }
    .findings { background: var(--finding); border-left: 4px solid var(--accent); padding: 0.5rem 1rem; margin: 0.8rem 0 1.2rem; border-radius: 0 6px 6px 0; }
    .findings p { margin: 0.35rem 0; }
    figure { margin: 1.2rem 0 1.6rem; overflow-x: auto; }
    figure, .table-wrap { background: linear-gradient(to right, #ffffff 30%, rgba(255,255,255,0)) left center / 28px 100% no-repeat local, linear-gradient(to left, #ffffff 30%, rgba(255,255,255,0)) right center / 28px 100% no-repeat local, radial-gradient(farthest-side at 0 50%, rgba(0,0,0,0.2), rgba(0,0,0,0)) left center / 12px 100% no-repeat scroll, radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,0.2), rgba(0,0,0,0)) right center / 12px 100% no-repeat scroll; }
    figure svg.chart { display: block; width: 100%; max-width: 760px; height: auto; margin: 0; font-family: inherit; }
    figcaption { font-size: 0.88rem; color: var(--muted); margin-top: 0.35rem; }
    .table-wrap { overflow-x: auto; margin: 0.8rem 0 1.2rem; }
    table { border-collapse: collapse; width: 100%; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 600; padding: 0 0 0.35rem; }
    th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid #999999; font-weight: 600; }
    tbody th { font-weight: 500; }
    @media (min-width: 601px) { tbody th { min-width: 10em; } }
    th.num, td.num { text-align: right; white-space: nowrap; }
    thead th.num { white-space: normal; }
    td.suppressed { text-align: center; white-space: nowrap; background: repeating-linear-gradient(135deg, #ffffff 0px, #ffffff 3px, #bdbdbd 3px, #bdbdbd 4.5px); }
    td.suppressed span { background: #ffffff; padding: 0 4px; border-radius: 2px; }
    td.na { color: var(--muted); text-align: center; }
    ul.notes { font-size: 0.85rem; color: var(--muted); padding-left: 1.2rem; }
    dl.definitions dt { font-weight: 600; margin-top: 0.5rem; }
    dl.definitions dd { margin: 0 0 0.4rem; }
    footer { margin-top: 3rem; padding-top: 0.6rem; border-top: 1px solid var(--rule); font-size: 0.8rem; color: var(--muted); }
    @media (max-width: 600px) {
      body { font-size: 15px; }
      .page { padding: 14px 12px 32px; }
      h1 { font-size: 1.45rem; }
      h2 { font-size: 1.2rem; }
      .facts { grid-template-columns: repeat(2, minmax(0, 1fr)); }
      nav.toc ol { columns: 1; }
      th, td { padding: 3px 5px; }
      table { font-size: 0.82rem; }
      .findings { padding: 0.4rem 0.7rem; }
    }
    @media print {
      body { font-size: 10pt; }
      .page { max-width: none; padding: 0; }
      nav.toc { display: none; }
      figure, .findings, .facts, tr, dl.definitions div { break-inside: avoid; page-break-inside: avoid; }
      section { break-before: auto; }
      h2, h3, caption, .lead { break-after: avoid; page-break-after: avoid; }
      thead { display: table-header-group; }
      .findings { background: none; border-left: 3px solid #000000; }
      .identifying, figure, .table-wrap { background: none; }
      .table-wrap { overflow: visible; }
      a { color: inherit; text-decoration: none; }
      figure svg.chart { max-width: 17cm !important; }
    }
    """
}
