import Mustache

/// Renders a ``ReportModel`` as one self-contained HTML5 page: inline CSS, inline SVG charts, no
/// script, no external URL, no network request when opened. The markup is also well-formed XML
/// (void elements self-closed, only the five XML escapes), so tests can parse it with XMLParser.
///
/// Deterministic: the same model gives the same bytes (no dates, no dictionary iteration, fixed
/// number formatting).
public enum ReportPage {
    /// The page for `model`.
    public static func render(_ model: ReportModel) -> String {
        var chartCounter = 0
        func sectionContext(_ section: ReportSection) -> [String: Any] {
            let figures: [[String: Any]] = section.figures.map { figure in
                chartCounter += 1
                let id = "chart-\(chartCounter)-\(section.id)"
                return ["svg": figure.chart.svg(id: id), "caption": figure.caption]
            }
            return [
                "id": section.id,
                "heading": section.title,
                "lead": section.lead ?? false,
                "hasFindings": !section.findings.isEmpty,
                "findings": section.findings,
                "figures": figures,
                "tables": section.tables.map(tableContext),
                "hasDefinitions": !section.definitions.isEmpty,
                "definitions": section.definitions.map { ["label": $0.label, "value": $0.value] },
                "hasNotes": !section.notes.isEmpty,
                "notes": section.notes,
            ]
        }
        let sections = model.sections.map(sectionContext)
        let methods: Any = model.methods.map(sectionContext) ?? false
        var toc: [[String: Any]] = model.sections.map { ["anchor": $0.id, "name": $0.title] }
        if let m = model.methods { toc.append(["anchor": m.id, "name": m.title]) }
        let context: [String: Any] = [
            "title": model.title,
            "subtitle": model.subtitle ?? false,
            "identifying": model.identifyingNotice.map { ["heading": $0.heading, "text": $0.text] as [String: Any] } ?? false,
            "css": PageStyle.css,
            "definitions": SharedDefinitions.pageDefinitions,
            "hasOverview": !model.overview.isEmpty,
            "overview": model.overview.map { ["label": $0.label, "value": $0.value] },
            "hasHeadlines": !model.headlines.isEmpty,
            "headlines": model.headlines,
            "hasToc": !toc.isEmpty,
            "toc": toc,
            "sections": sections,
            "methods": methods,
            "footer": model.footer ?? false,
        ]
        guard let html = PageTemplate.library.render(context, withTemplate: "page") else {
            preconditionFailure("RoleLayerReport page template is not registered")
        }
        return html
    }

    static func tableContext(_ table: ReportTable) -> [String: Any] {
        [
            "caption": table.caption,
            "columns": table.columns.map { ["columnTitle": $0.title, "numeric": $0.numeric] as [String: Any] },
            "rows": table.rows.map { row in
                ["cells": row.enumerated().map { index, cell in
                    cellContext(cell, rowHeader: index == 0, numeric: index < table.columns.count ? table.columns[index].numeric : false)
                }] as [String: Any]
            },
        ]
    }

    static func cellContext(_ cell: ReportTable.Cell, rowHeader: Bool, numeric: Bool) -> [String: Any] {
        var c: [String: Any] = ["rowHeader": false, "cls": numeric ? "num" : "text", "dataValue": false, "dataLower": false,
                                "dataUpper": false, "tip": false, "isSuppressed": false, "text": ""]
        switch cell {
        case .text(let s):
            if rowHeader { c["rowHeader"] = true }
            c["text"] = s
        case .number(let v, let style):
            c["text"] = NumberText.format(v, style)
            c["dataValue"] = fullPrecision(v)
        case .interval(let l, let u, let style):
            c["text"] = NumberText.interval(l, u, style)
            c["dataLower"] = fullPrecision(l)
            c["dataUpper"] = fullPrecision(u)
        case .suppressed:
            c["cls"] = "suppressed"
            c["isSuppressed"] = true
            c["text"] = SuppressedMark.label
            c["tip"] = "suppressed: too few respondents or organisations"
        case .notAvailable(let reason):
            c["cls"] = "na"
            c["text"] = "\u{2014}"
            c["tip"] = reason
        case .empty:
            break
        }
        return c
    }

    /// Full double precision, Swift's shortest round-trip text (the value the result holds).
    static func fullPrecision(_ v: Double) -> String { "\(v)" }
}
