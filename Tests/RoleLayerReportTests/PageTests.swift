import Foundation
import Testing
@testable import RoleLayerReport

/// Parses a whole page as XML, failing the test with the parser's message when it is not well formed.
func parsePage(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLNode? {
    switch XMLTree.parse(html) {
    case .success(let root): return root
    case .failure(let failure):
        Issue.record("page does not parse as XML: \(failure)", sourceLocation: sourceLocation)
        return nil
    }
}

struct PageTests {
    /// The page is one well-formed document: every opened element is closed.
    @Test func wellFormed() throws {
        let html = ReportPage.render(SampleReport.model)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let root = try #require(parsePage(html))
        #expect(root.name == "html")
        #expect(root.attributes["lang"] == "en")
    }

    /// Every section of the model is present once, with its heading, plus the overview and methods.
    @Test func everySectionPresent() throws {
        let model = SampleReport.model
        let root = try #require(parsePage(ReportPage.render(model)))
        let sections = root.all("section")
        let ids = sections.compactMap { $0.attributes["id"] }
        #expect(ids == ["overview"] + model.sections.map(\.id) + ["methods"])
        for section in model.sections {
            let node = try #require(sections.first { $0.attributes["id"] == section.id })
            #expect(node.all("h2").first?.allText == section.title)
            #expect(node.all("figure").count == section.figures.count)
            #expect(node.all("svg").count == section.figures.count)
            for finding in section.findings { #expect(node.allText.contains(finding)) }
        }
        let toc = root.all("nav").first?.all("a").compactMap { $0.attributes["href"] } ?? []
        #expect(toc == model.sections.map { "#\($0.id)" } + ["#methods"])
    }

    /// Numbers in the tables equal the model values: full precision in data-value, the styled rounding in the text.
    @Test func numbersEqualModelValues() throws {
        let model = SampleReport.model
        let root = try #require(parsePage(ReportPage.render(model)))
        let table = try #require(root.all("table").first)
        let rows = table.all("tbody").first?.children.filter { $0.name == "tr" } ?? []
        #expect(rows.count == SampleReport.rsiTable.rows.count)
        for (r, modelRow) in SampleReport.rsiTable.rows.enumerated() {
            let cells = rows[r].children
            #expect(cells.count == modelRow.count)
            for (c, cell) in modelRow.enumerated() {
                let node = cells[c]
                switch cell {
                case .number(let v, let style):
                    #expect(Double(node.attributes["data-value"] ?? "") == v)
                    #expect(node.allText == NumberText.format(v, style))
                case .interval(let l, let u, let style):
                    #expect(Double(node.attributes["data-lower"] ?? "") == l)
                    #expect(Double(node.attributes["data-upper"] ?? "") == u)
                    #expect(node.allText == NumberText.interval(l, u, style))
                case .text(let s):
                    #expect(node.allText == s)
                    #expect(node.name == (c == 0 ? "th" : "td"))
                case .suppressed:
                    #expect(node.attributes["class"] == "suppressed")
                    #expect(node.allText == "n < k")
                    #expect(node.attributes["data-value"] == nil)
                case .notAvailable(let reason):
                    #expect(node.attributes["class"] == "na")
                    #expect(node.attributes["title"] == reason)
                case .empty:
                    #expect(node.allText.isEmpty)
                }
            }
        }
        // The chart text alternatives carry the same rounded values.
        #expect(root.allText.contains("CTO 66.0 (95% interval 62.9 to 68.9)"))
    }

    /// Suppressed figures appear as "n < k" cells and hatched marks, never as 0 or 0%.
    @Test func suppressedNeverZero() throws {
        let html = ReportPage.render(SampleReport.model)
        let root = try #require(parsePage(html))
        let suppressedCells = root.all("td").filter { $0.attributes["class"] == "suppressed" }
        #expect(suppressedCells.count == 2)
        #expect(suppressedCells.allSatisfy { $0.allText == "n < k" })
        let row = try #require(root.all("tr").first { $0.children.first?.allText == "CISO" })
        #expect(!row.children.contains { $0.allText == "0" || $0.allText == "0.0" })
        #expect(html.components(separatedBy: "url(#rl-suppressed)").count > 8)
        // The pattern is defined exactly once, in a zero-size SVG that is not display:none.
        #expect(html.components(separatedBy: "<pattern id=\"rl-suppressed\"").count == 2)
        let defs = try #require(root.all("svg").first { $0.attributes["class"] == "rl-defs" })
        #expect(defs.attributes["aria-hidden"] == "true")
        #expect(defs.attributes["style"]?.contains("display:none") == false)
    }

    /// The page holds no URL and no script: it opens offline and makes no request.
    @Test func noExternalReference() throws {
        let html = ReportPage.render(SampleReport.model)
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script"))
        let root = try #require(parsePage(html))
        #expect(root.all("script").isEmpty && root.all("link").isEmpty && root.all("img").isEmpty && root.all("iframe").isEmpty)
        for node in root.descendants {
            for key in ["src", "href"] {
                if let v = node.attributes[key] { #expect(v.hasPrefix("#"), "\(node.name) \(key)=\(v)") }
            }
        }
    }

    /// Hostile text in titles, facts, findings, labels and table cells is escaped everywhere.
    @Test func hostileTextEscaped() throws {
        let html = ReportPage.render(SampleReport.model)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"))
        let root = try #require(parsePage(html))
        #expect(root.allText.contains(SampleReport.hostile))
    }

    /// Chart ids are unique in the page and every aria-labelledby points at existing ids.
    @Test func uniqueIDs() throws {
        let root = try #require(parsePage(ReportPage.render(SampleReport.model)))
        let ids = root.descendants.compactMap { $0.attributes["id"] }
        #expect(Set(ids).count == ids.count)
        let known = Set(ids)
        for node in root.descendants {
            for ref in (node.attributes["aria-labelledby"] ?? "").split(separator: " ") { #expect(known.contains(String(ref))) }
        }
    }

    /// A page that identifies roles carries the notice at the top and asks not to be indexed.
    @Test func identifyingNotice() throws {
        var model = SampleReport.model
        model.identifyingNotice = IdentifyingNotice(heading: "Identifies roles in Organisation 42",
                                                    text: "For that organisation's leadership team only.")
        let html = ReportPage.render(model)
        let root = try #require(parsePage(html))
        let notice = try #require(root.all("div").first { $0.attributes["class"] == "identifying" })
        #expect(notice.allText.contains("Identifies roles in Organisation 42"))
        #expect(root.all("meta").contains { $0.attributes["name"] == "robots" })
        #expect(!ReportPage.render(SampleReport.model).contains("class=\"identifying\""))
    }

    /// The same model renders to the same bytes.
    @Test func deterministic() {
        #expect(ReportPage.render(SampleReport.model) == ReportPage.render(SampleReport.model))
    }

    /// The page has a phone viewport, responsive and print rules, and charts that scale with width 100% up to 760 px.
    @Test func responsiveAndPrint() {
        let html = ReportPage.render(SampleReport.model)
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"))
        #expect(html.contains("@media print"))
        #expect(html.contains("@media (max-width: 600px)"))
        #expect(html.contains("figure svg.chart { display: block; width: 100%; max-width: 760px; height: auto;"))
        #expect(html.contains("break-inside: avoid"))
    }

    /// Writes the sample page to ROLELAYER_REPORT_SAMPLE (when set) for a look in a browser.
    @Test func writeSampleWhenAsked() throws {
        guard let path = ProcessInfo.processInfo.environment["ROLELAYER_REPORT_SAMPLE"] else { return }
        try ReportPage.render(SampleReport.model).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
