import Mustache

/// The page shell as Mustache templates (swift-mustache), kept as Swift string constants so they
/// need no resource bundle. Both templates declare the content type `ROLELAYER_HTML`, which escapes
/// with ``Markup/escape(_:)``: `{{x}}` is escaped by the report's one escaping function; `{{{x}}}`
/// is used only for markup the report produced itself (the stylesheet and the charts' SVG).
enum PageTemplate {
    static let contentTypeName = "ROLELAYER_HTML"

    /// The Mustache content type that escapes with ``Markup/escape(_:)``.
    struct MarkupContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { Markup.escape(text) }
    }

    /// The parsed templates ("page" and its partial "section").
    static let library: MustacheLibrary = {
        MustacheContentTypes.register(MarkupContentType(), named: contentTypeName)
        var library = MustacheLibrary()
        do {
            try library.register(section, named: "section")
            try library.register(page, named: "page")
        } catch {
            preconditionFailure("RoleLayerReport page template does not parse: \(error)")
        }
        return library
    }()

    static let page = """
    {{% CONTENT_TYPE: ROLELAYER_HTML}}<!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <meta name="generator" content="RoleLayer"/>
    {{#identifying}}<meta name="robots" content="noindex, nofollow"/>
    {{/identifying}}<title>{{title}}</title>
    <style>
    {{{css}}}
    </style>
    </head>
    <body>
    {{{definitions}}}
    <div class="page">
    <header>
    {{#identifying}}<div class="identifying" role="note"><strong>{{heading}}</strong> {{text}}</div>
    {{/identifying}}<h1>{{title}}</h1>
    {{#subtitle}}<p class="subtitle">{{subtitle}}</p>
    {{/subtitle}}</header>
    <main>
    <section id="overview" class="overview" aria-labelledby="overview-heading">
    <h2 id="overview-heading">Overview</h2>
    {{#hasOverview}}<dl class="facts">
    {{#overview}}<div><dt>{{label}}</dt><dd>{{value}}</dd></div>
    {{/overview}}</dl>
    {{/hasOverview}}{{#hasHeadlines}}<ul class="headlines">
    {{#headlines}}<li>{{.}}</li>
    {{/headlines}}</ul>
    {{/hasHeadlines}}{{#hasToc}}<nav class="toc" aria-label="Sections"><strong>Sections</strong><ol>
    {{#toc}}<li><a href="#{{anchor}}">{{name}}</a></li>
    {{/toc}}</ol></nav>
    {{/hasToc}}</section>
    {{#sections}}{{> section}}{{/sections}}
    {{#methods}}{{> section}}{{/methods}}
    </main>
    {{#footer}}<footer><p>{{footer}}</p></footer>
    {{/footer}}</div>
    </body>
    </html>

    """

    static let section = """
    {{% CONTENT_TYPE: ROLELAYER_HTML}}<section id="{{id}}" class="construct" aria-labelledby="{{id}}-heading">
    <h2 id="{{id}}-heading">{{heading}}</h2>
    {{#lead}}<p class="lead">{{lead}}</p>
    {{/lead}}{{#hasFindings}}<div class="findings" role="doc-abstract">
    {{#findings}}<p>{{.}}</p>
    {{/findings}}</div>
    {{/hasFindings}}{{#figures}}<figure>
    {{{svg}}}
    <figcaption>{{caption}}</figcaption>
    </figure>
    {{/figures}}{{#tables}}<div class="table-wrap"><table>
    <caption>{{caption}}</caption>
    <thead><tr>{{#columns}}<th scope="col"{{#numeric}} class="num"{{/numeric}}>{{columnTitle}}</th>{{/columns}}</tr></thead>
    <tbody>
    {{#rows}}<tr>{{#cells}}{{#rowHeader}}<th scope="row">{{text}}</th>{{/rowHeader}}{{^rowHeader}}<td class="{{cls}}"{{#dataValue}} data-value="{{dataValue}}"{{/dataValue}}{{#dataLower}} data-lower="{{dataLower}}" data-upper="{{dataUpper}}"{{/dataLower}}{{#tip}} title="{{tip}}"{{/tip}}>{{#isSuppressed}}<span>{{text}}</span>{{/isSuppressed}}{{^isSuppressed}}{{text}}{{/isSuppressed}}</td>{{/rowHeader}}{{/cells}}</tr>
    {{/rows}}</tbody>
    </table></div>
    {{/tables}}{{#hasDefinitions}}<dl class="definitions">
    {{#definitions}}<dt>{{label}}</dt><dd>{{value}}</dd>
    {{/definitions}}</dl>
    {{/hasDefinitions}}{{#hasNotes}}<ul class="notes">
    {{#notes}}<li>{{.}}</li>
    {{/notes}}</ul>
    {{/hasNotes}}</section>

    """
}
