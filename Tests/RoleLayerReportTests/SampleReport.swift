@testable import RoleLayerReport

/// A report model exercising every chart kind, suppressed figures, long labels and hostile text.
enum SampleReport {
    static let roles = ["CEO", "CFO", "COO", "CTO", "CIO", "CDAO", "CISO", "CMO", "CHRO", "GC"]
    static let stageNames = ["Not started", "Evaluating", "Experimenting", "Piloting", "Production", "Scaled", "Stabilised"]
    static let hostile = "<script>alert(\"x\")</script> & 'quoted'"
    static let step = 0.5 * 100 / 6

    static let rsiValues: [Double?] = [55.12345, 48.9, 51.25, 66.04, 62.7, 60.0, nil, 44.44, 41.0, 39.5]

    static var dotChart: DotIntervalChart {
        DotIntervalChart(
            title: "Role Shift Index by role, 2026-Q2",
            summary: "Mean position of each role on the 0 to 100 scale with 95% intervals.",
            rows: roles.indices.map { i in
                if let v = rsiValues[i] {
                    return .init(label: roles[i], value: v, lower: v - 3.1, upper: v + 2.9)
                }
                return .init(label: roles[i], value: nil, suppressed: true)
            } + [.init(label: hostile, value: 30, lower: 25, upper: 35)],
            gridStep: step, reference: .init(value: 51.25, label: "median of roles"))
    }

    static var stacked: StackedBarChart {
        StackedBarChart(title: "Stage distribution by role", summary: "Share of each role's respondents at each stage.",
                        categories: stageNames,
                        rows: roles.indices.map { i in
                            if i == 6 { return .init(label: roles[i], shares: nil, suppressed: true) }
                            let raw = (0..<7).map { k in Double((k * 7 + i * 3) % 11 + 1) }
                            return .init(label: roles[i], shares: raw)
                        })
    }

    static let blockers = ["ROI uncertainty", "Integration complexity", "Security risk", "Insufficient evidence for capital commitment", "Skills gap"]

    static var heatmap: HeatmapChart {
        HeatmapChart(title: "Blocker shares by role", summary: "Share of each role citing each blocker.",
                     rowLabels: blockers, columnLabels: Array(roles.prefix(6)),
                     cells: blockers.indices.map { b in
                         (0..<6).map { r in
                             if r == 2 && b == 1 { return .suppressed }
                             return .value(Double((b * 13 + r * 7) % 17) / 20, marked: b == 0 && r == 0)
                         }
                     },
                     scale: .sequential(0...1), valueStyle: .percent(0), legendLabel: "Share citing the blocker",
                     markLegend: "significant concentration (|z| > 1.96 after Benjamini-Hochberg)")
    }

    static var alignment: HeatmapChart {
        let r = Array(roles.prefix(6))
        return HeatmapChart(title: "Alignment between roles", summary: "Mean alignment of each pair of roles.",
                            rowLabels: r, columnLabels: r,
                            cells: r.indices.map { a in
                                r.indices.map { b in
                                    if a == b { return .empty }
                                    if (a == 1 && b == 4) || (a == 4 && b == 1) { return .suppressed }
                                    return .value(0.5 + Double((a + b) % 5) / 20)
                                }
                            },
                            scale: .diverging(centre: 0.6, halfWidth: 0.15), valueStyle: .decimals(2),
                            legendLabel: "Alignment, centred on the cohort mean")
    }

    static var multiples: HeatmapSmallMultiples {
        let r = Array(roles.prefix(6))
        return HeatmapSmallMultiples(title: "Alignment by dimension", summary: "Pair alignment on each dimension.",
                                     rowLabels: r, columnLabels: r,
                                     panels: ["Priorities", "Ownership", "Direction", "Conviction", "Risk"].enumerated().map { d, name in
                                         .init(title: name, cells: r.indices.map { a in
                                             r.indices.map { b in
                                                 if a == b { return .empty }
                                                 if d == 2 && a + b == 5 { return .suppressed }
                                                 return .value(0.3 + Double((a * 3 + b * 5 + d) % 9) / 12)
                                             }
                                         })
                                     },
                                     scale: .sequential(0...1), legendLabel: "Alignment, 0 to 1")
    }

    static func slopeValue(_ i: Int, _ w: Int) -> Double? {
        if i == 6 && w == 2 { return nil }
        let base: Double = 35 + Double(i) * 2.5
        let rate: Double = Double(3 + i % 4)
        return base + Double(w) * rate
    }

    static var slope: SlopeChart {
        let series: [SlopeChart.Series] = roles.indices.map { i in
            SlopeChart.Series(label: roles[i], values: (0..<5).map { w in slopeValue(i, w) })
        }
        return SlopeChart(title: "RSI per role over waves", summary: "Role Shift Index of each role in each wave.",
                          waves: ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"], series: series, gridStep: step)
    }

    static var network: NetworkChart {
        let nodes: [NetworkChart.Node] = roles.indices.map { i in
            let value: Double? = i == 9 ? nil : 0.5 + Double(i % 4) * 0.4
            let archetype: NetworkChart.Archetype = i == 1 ? .gatekeeper : (i == 3 ? .validator : .contributor)
            return NetworkChart.Node(label: roles[i], value: value, archetype: archetype, bottleneck: i == 1, suppressed: i == 9)
        }
        var edges: [NetworkChart.Edge] = []
        for a in 0..<10 {
            for b in 0..<10 where a != b {
                let weight: Double = Double((a * 7 + b * 3) % 10) / 25
                edges.append(NetworkChart.Edge(from: a, to: b, weight: weight))
            }
        }
        return NetworkChart(title: "Influence network", summary: "Who shapes whose position.", nodes: nodes, edges: edges)
    }

    static var survival: SurvivalChart {
        SurvivalChart(title: "Time to consensus", summary: "Share of organisations not yet in consensus.",
                      steps: [.init(time: 1, survival: 0.82, lower: 0.74, upper: 0.88),
                              .init(time: 2, survival: 0.61, lower: 0.52, upper: 0.7),
                              .init(time: 3, survival: 0.47, lower: 0.38, upper: 0.57),
                              .init(time: 4, survival: 0.4, lower: 0.3, upper: 0.51)],
                      median: 3, lastTime: 4.5)
    }

    static var histogram: HistogramChart {
        HistogramChart(title: "Within-organisation gradients", summary: "Spread of role means inside each organisation.",
                       values: (0..<120).map { Double(($0 * 37) % 61) / 2 },
                       binWidth: 2.5, markers: [.init(value: 14.2, label: "median"), .init(value: step, label: "one stage step")],
                       valueLabel: "Gradient inside the organisation (points)")
    }

    static var paired: PairedBarChart {
        PairedBarChart(title: "Role gradient against stage gradient", summary: "Spread between roles and between maturity groups.",
                       bars: [.init(label: "Role gradient", value: 26.54, lower: 22.1, upper: 31.0),
                              .init(label: "Stage gradient", value: 18.2, lower: 15.0, upper: 21.9),
                              .init(label: "Bias-corrected role gradient", value: nil, suppressed: true)],
                       axisLabel: "Points on the position scale")
    }

    static var allCharts: [ChartSpec] {
        [.dotInterval(dotChart), .stackedBars(stacked), .heatmap(heatmap), .heatmap(alignment), .heatmapSmallMultiples(multiples),
         .slope(slope), .network(network), .survival(survival), .histogram(histogram), .pairedBars(paired)]
    }

    static var rsiTable: ReportTable {
        ReportTable(caption: "Role Shift Index by role", columns: [.init("Role", numeric: false), .init("RSI"), .init("95% interval"), .init("Respondents")],
                    rows: roles.indices.map { i in
                        if let v = rsiValues[i] {
                            return [.text(roles[i]), .number(v, .decimals(1)), .interval(v - 3.1, v + 2.9, .decimals(1)), .number(Double(100 + i * 17), .count)]
                        }
                        return [.text(roles[i]), .suppressed, .suppressed, .number(3, .count)]
                    } + [[.text(hostile), .notAvailable("fewer than two waves"), .empty, .number(1234, .count)]])
    }

    static var model: ReportModel {
        ReportModel(
            title: "RoleLayer cohort report",
            subtitle: "Cohort demo \u{2014} wave 2026-Q2",
            overview: [Fact("Cohort", "demo"), Fact("Waves", "2025-Q1 to 2026-Q2 (6)"), Fact("Respondents", "12,345"),
                       Fact("Organisations", "400"), Fact("Bootstrap", "1,000 replicates"), Fact("Seed", "20260101"), Fact("Label", hostile)],
            headlines: ["CTO leads CMO by about 2 waves; the gap narrows by 3 points a wave.", hostile],
            sections: [
                ReportSection(id: "role-shift-index", title: "Role Shift Index", lead: "Where each role sits.",
                              findings: ["CTO is furthest along at 66.0; GC trails at 39.5, 3.2 stage steps behind."],
                              figures: [ReportFigure(.dotInterval(dotChart), caption: "Dots: role means; whiskers: 95% intervals."),
                                        ReportFigure(.stackedBars(stacked), caption: "Stages by role.")],
                              tables: [rsiTable], notes: ["CISO: suppressed (n < k)."]),
                ReportSection(id: "adoption-gradient", title: "Organisational Adoption Gradient",
                              findings: ["Role separates readiness more than maturity does."],
                              figures: [ReportFigure(.pairedBars(paired), caption: "Gradients."), ReportFigure(.histogram(histogram), caption: "Within.")]),
                ReportSection(id: "blockers", title: "Blockers", findings: ["ROI uncertainty concentrates in the CEO and CMO."],
                              figures: [ReportFigure(.heatmap(heatmap), caption: "Shares.")]),
                ReportSection(id: "alignment", title: "Role Alignment Map", findings: ["CFO and CIO are the widest fault line."],
                              figures: [ReportFigure(.heatmap(alignment), caption: "Pairs."), ReportFigure(.heatmapSmallMultiples(multiples), caption: "Dimensions.")]),
                ReportSection(id: "lead-lag", title: "Lead-lag", findings: ["CTO leads CMO by about 2 waves."],
                              figures: [ReportFigure(.slope(slope), caption: "Waves.")]),
                ReportSection(id: "influence", title: "Influence", findings: ["CFO is a gatekeeper and a bottleneck."],
                              figures: [ReportFigure(.network(network), caption: "Network.")]),
                ReportSection(id: "consensus", title: "Consensus horizon", findings: ["Half the organisations reach consensus within 3 waves."],
                              figures: [ReportFigure(.survival(survival), caption: "Kaplan-Meier.")]),
            ],
            methods: ReportSection(id: "methods", title: "Methods", definitions: [Fact("Role Shift Index", "Weighted mean position.")],
                                   notes: ["3 figures suppressed."]),
            footer: "Generated by RoleLayer.")
    }
}
