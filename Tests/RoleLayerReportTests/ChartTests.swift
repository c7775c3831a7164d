import Foundation
import Testing
@testable import RoleLayerReport

/// Parses a chart's SVG, failing the test with the parser's message when it is not well formed.
func parseChart(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLNode? {
    switch XMLTree.parse(svg) {
    case .success(let root): return root
    case .failure(let failure):
        Issue.record("SVG does not parse: \(failure)", sourceLocation: sourceLocation)
        return nil
    }
}

struct ChartTests {
    /// Every chart kind is well-formed XML with role="img", a title and a desc referenced by aria-labelledby.
    @Test func everyChartIsWellFormedWithTextAlternative() throws {
        for (i, chart) in SampleReport.allCharts.enumerated() {
            let id = "c\(i)"
            let svg = chart.svg(id: id)
            let root = try #require(parseChart(svg))
            #expect(root.name == "svg")
            #expect(root.attributes["role"] == "img")
            #expect(root.attributes["aria-labelledby"] == "\(id)-title \(id)-desc")
            #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
            let title = try #require(root.children.first { $0.name == "title" })
            let desc = try #require(root.children.first { $0.name == "desc" })
            #expect(title.attributes["id"] == "\(id)-title")
            #expect(desc.attributes["id"] == "\(id)-desc")
            #expect(title.allText == chart.title)
            #expect(desc.allText.count > 40)
            #expect(root.attributes["xmlns"] == nil, "inline SVG needs no namespace")
        }
    }

    /// The same chart renders to the same bytes twice.
    @Test func deterministic() {
        for chart in SampleReport.allCharts {
            #expect(chart.svg(id: "x") == chart.svg(id: "x"))
        }
    }

    /// No chart contains a URL; the standalone form carries only the SVG namespace.
    @Test func noExternalURL() {
        for chart in SampleReport.allCharts {
            let svg = chart.svg(id: "x")
            #expect(!svg.contains("http://") && !svg.contains("https://"))
            let standalone = chart.svg(id: "x", standalone: true)
            #expect(standalone.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http") == false)
            #expect(standalone.contains("<pattern id=\"rl-suppressed\""))
        }
    }

    /// Text drawn from labels is escaped: no raw script element reaches the SVG.
    @Test func labelsAreEscaped() throws {
        let svg = ChartSpec.dotInterval(SampleReport.dotChart).svg(id: "x")
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;"))
        let root = try #require(parseChart(svg))
        #expect(root.all("script").isEmpty)
    }

    /// The dot chart draws rows highest first, suppressed last, and its text alternative lists the values in that order.
    @Test func dotChartSortsDescending() throws {
        let chart = SampleReport.dotChart
        let labels = chart.sortedRows.map(\.label)
        #expect(labels.prefix(3) == ["CTO", "CIO", "CDAO"])
        #expect(labels.last == "CISO")
        let desc = chart.textAlternative
        let cto = try #require(desc.range(of: "CTO 66.0"))
        let cio = try #require(desc.range(of: "CIO 62.7"))
        #expect(cto.lowerBound < cio.lowerBound)
        #expect(desc.contains("CISO: n < k (suppressed)"))
        #expect(desc.contains("CEO 55.1 (95% interval 52.0 to 58.0)"))
    }

    /// The dot chart has one dashed gridline per stage step across 0...100 (13 lines for 8.33 points).
    @Test func dotChartStageGridlines() throws {
        let root = try #require(parseChart(SampleReport.dotChart.svg(id: "x")))
        let grid = try #require(root.all("g").first { $0.attributes["class"] == "grid" })
        let stepLines = grid.children.filter { $0.name == "line" && $0.attributes["stroke-dasharray"] == "2 3" }
        #expect(stepLines.count == 13)
    }

    /// Suppressed figures are hatched with the shared pattern and labelled "n < k" in every chart kind that has them; never drawn as 0.
    @Test func suppressedCellsAreHatched() throws {
        let withSuppression: [ChartSpec] = SampleReport.allCharts.filter {
            switch $0 {
            case .slope, .survival, .histogram: false  // no suppressed figures: a slope line breaks instead
            default: true
            }
        }
        #expect(withSuppression.count == 7)
        for chart in withSuppression {
            let svg = chart.svg(id: "x")
            let root = try #require(parseChart(svg))
            let hatched = root.descendants.filter { $0.attributes["fill"] == "url(#rl-suppressed)" }
            #expect(!hatched.isEmpty, "\(chart.title) has suppressed figures but no hatch")
            let labels = root.descendants.filter { $0.name == "text" && $0.allText == "n < k" }
            #expect(!labels.isEmpty || svg.contains("n &lt; k"), "\(chart.title) has no n < k label")
        }
    }

    /// A heatmap's suppressed cell is hatched, and its text is "n < k", not a number.
    @Test func heatmapSuppressedCellIsNotZero() throws {
        let root = try #require(parseChart(SampleReport.heatmap.svg(id: "h")))
        let groups = root.all("g").filter { $0.attributes["class"] == "suppressed" }
        #expect(groups.count == 1)
        let group = try #require(groups.first)
        #expect(group.all("rect").first?.attributes["fill"] == "url(#rl-suppressed)")
        #expect(group.all("text").map(\.allText) == ["n < k"])
        #expect(group.all("title").first?.allText.contains("Integration complexity / COO") == true)
    }

    /// Heatmap cell labels equal the model values as formatted, and marked cells carry an asterisk.
    @Test func heatmapLabelsMatchValues() throws {
        let chart = SampleReport.heatmap
        let root = try #require(parseChart(chart.svg(id: "h")))
        let cells = root.all("g").filter { $0.attributes["class"] == "cell" || $0.attributes["class"] == "cell marked" }
        #expect(cells.count == 5 * 6 - 1)
        var expected: [String] = []
        for row in chart.cells {
            for cell in row {
                if case .value(let v, let marked) = cell { expected.append(NumberText.format(v, .percent(0)) + (marked ? "*" : "")) }
            }
        }
        let drawn = cells.map { $0.all("text").first?.allText ?? "" }
        #expect(drawn == expected)
    }

    /// Diverging scales are white at the centre and orange below, purple above; sequential scales follow viridis.
    @Test func palettes() {
        let scale = HeatmapScale.diverging(centre: 0.6, halfWidth: 0.2)
        #expect(scale.colour(0.6).hex == "#f7f7f7")
        #expect(scale.colour(0.4).hex == "#7f3b08")
        #expect(scale.colour(0.8).hex == "#2d004b")
        #expect(Palette.viridis(0).hex == "#440154")
        #expect(Palette.viridis(1).hex == "#fde725")
        #expect(Palette.viridis(1).textColour == Palette.ink)
        #expect(Palette.viridis(0).textColour == "#ffffff")
    }

    /// The stacked bars normalise shares and label each wide segment with its percentage.
    @Test func stackedBarsNormalise() throws {
        let chart = StackedBarChart(title: "t", summary: "s", categories: ["A", "B"], rows: [.init(label: "R", shares: [1, 3])])
        #expect(chart.textAlternative == "s Shares: R: A 25%, B 75%.")
        let root = try #require(parseChart(chart.svg(id: "s")))
        let texts = root.all("text").map(\.allText)
        #expect(texts.contains("25%") && texts.contains("75%"))
    }

    /// The histogram bins values into half-open bins and counts every finite value once.
    @Test func histogramBins() {
        let chart = HistogramChart(title: "t", summary: "s", values: [0, 2.4, 2.5, 7.49, .nan], binWidth: 2.5, valueLabel: "v")
        #expect(chart.bins == [2, 1, 1])
        #expect(HistogramChart(title: "t", summary: "s", values: [], binWidth: 1, valueLabel: "v").bins.isEmpty)
    }

    /// The network draws gatekeepers as squares and validators as diamonds, with a letter, and skips self-loops.
    @Test func networkMarkers() throws {
        let chart = NetworkChart(title: "n", summary: "s",
                                 nodes: [.init(label: "A", value: 1.5, archetype: .gatekeeper), .init(label: "B", value: 1.3, archetype: .validator),
                                         .init(label: "C", value: 0.2)],
                                 edges: [.init(from: 0, to: 1, weight: 0.5), .init(from: 1, to: 1, weight: 0.9), .init(from: 2, to: 0, weight: 0.01)])
        let root = try #require(parseChart(chart.svg(id: "n")))
        let nodes = root.all("g").filter { $0.attributes["class"]?.hasPrefix("node ") == true }
        #expect(nodes.count == 3)
        #expect(nodes[0].children.contains { $0.name == "rect" })
        #expect(nodes[1].children.contains { $0.name == "polygon" })
        #expect(nodes[0].all("text").first?.allText == "G")
        #expect(nodes[1].all("text").first?.allText == "V")
        let edges = root.all("g").filter { $0.attributes["class"] == "edge" }
        #expect(edges.count == 1, "self-loop dropped, light edge below 5% not drawn")
        #expect(chart.textAlternative.contains("A RII 1.50, gatekeeper"))
    }

    /// The survival curve starts at 100% and steps down at each event time; the median is written.
    @Test func survivalCurve() throws {
        let chart = SampleReport.survival
        let root = try #require(parseChart(chart.svg(id: "k")))
        let curve = try #require(root.all("polyline").first { $0.attributes["class"] == "curve" })
        let points = (curve.attributes["points"] ?? "").split(separator: " ")
        #expect(points.count == 2 + 2 * chart.steps.count)
        #expect(root.all("polygon").contains { $0.attributes["class"] == "band" })
        #expect(chart.textAlternative.contains("Median: 3.0 waves."))
        #expect(chart.textAlternative.contains("after 2.0 waves 61% (95% band 52% to 70%)"))
    }

    /// Lines break where a wave has no value, and every series gets a direct end label with its last value.
    @Test func slopeChartBreaksAndLabels() throws {
        let chart = SampleReport.slope
        let root = try #require(parseChart(chart.svg(id: "s")))
        let series = root.all("g").filter { $0.attributes["class"] == "series" }
        #expect(series.count == 10)
        #expect(series[6].all("polyline").count == 2, "CISO has a gap in wave 3")
        let labels = root.all("g").first { $0.attributes["class"] == "end-labels" }?.all("text").map(\.allText) ?? []
        #expect(labels.contains("CTO " + NumberText.format(35 + 3 * 2.5 + 4 * 6, .decimals(1))))
        // End labels never overlap: consecutive baselines at least 14 units apart.
        let ys = (root.all("g").first { $0.attributes["class"] == "end-labels" }?.all("text") ?? []).compactMap { Double($0.attributes["y"] ?? "") }.sorted()
        for (a, b) in zip(ys, ys.dropFirst()) { #expect(b - a >= 13.99) }
    }

    /// Label fitting wraps at spaces into two lines and ends an over-long text with an ellipsis.
    @Test func labelFitting() {
        let lines = ChartText.lines("Insufficient evidence for capital commitment", maxWidth: 170, size: 13)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { ChartText.width($0, size: 13) <= 170 })
        #expect(ChartText.truncate("A very long label indeed", maxWidth: 60, size: 13).hasSuffix("…"))
        #expect(ChartText.lines("CEO", maxWidth: 100, size: 13) == ["CEO"])
    }
}
