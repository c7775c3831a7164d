import RoleLayerCore

/// The lead-lag section: RSI per role across waves, rank table, lags, convergence.
enum LeadLagSection {
    static let id = "lead-lag"
    static let title = "Lead-lag"
    static let lead = "Who leads, who follows and by how many waves, and whether the roles converge."

    static func make(_ result: LeadLagRankingResult?, context: inout ReportContext) -> ReportSection {
        let names = context.names
        guard let result, result.waves.count >= 2 else {
            return ReportSection(id: id, title: title, lead: lead,
                                 findings: ["Lead and lag need the Role Shift Index in at least two waves; this study has fewer."])
        }
        let waveLabels = result.waves.map(\.description)
        let suppressedCells = result.roles.reduce(0) { $0 + zip($1.roleShiftIndex, $1.respondents).filter { $0.0 == nil && $0.1 > 0 }.count }
        context.tally(title, suppressedCells)

        var findings: [String] = []
        // The most telling lags: the leading role's, largest first (other leaders when it has none).
        let allLagged = result.pairs.filter { $0.isBehind == true && ($0.lag.waves ?? 0) > 0 }
        let fromBest = allLagged.filter { $0.leader == result.bestRole }
        let lagged = (fromBest.isEmpty ? allLagged : fromBest)
            .sorted { a, b in
                a.lag.waves! != b.lag.waves! ? a.lag.waves! > b.lag.waves!
                    : (names.short(a.leader), names.short(a.follower)) < (names.short(b.leader), names.short(b.follower))
            }
        if let best = result.bestRole {
            findings.append("\(names.short(best)) leads the ranking over \(result.waves.count) waves.")
        }
        for pair in lagged.prefix(2) {
            var sentence = "\(names.short(pair.leader)) leads \(names.short(pair.follower)) by \(Phrase.waves(pair.lag.waves!))"
            if let c = convergence(result, pair.leader, pair.follower), let slope = c.slope.finiteValue {
                switch c.trend {
                case .converging?:
                    sentence += "; the gap narrows by \(Phrase.points(slope)) a wave"
                    if let w = c.projectedClose.waves { sentence += w == 0 ? " and is already under one stage step" : ", closing to under one stage step in \(Phrase.waves(w))" }
                case .diverging?: sentence += "; the gap widens by \(Phrase.points(slope)) a wave"
                case .stable?: sentence += "; the gap shows no clear trend"
                case nil: break
                }
            }
            findings.append(sentence + ".")
        }
        let censored = result.pairs.filter { $0.isBehind == true && $0.lag.waves == nil && $0.lag.moreThan != nil }
        if lagged.isEmpty, let c = censored.first {
            findings.append("\(names.short(c.follower)) is more than \(Phrase.waveCount(c.lag.moreThan!)) waves behind \(names.short(c.leader)): the observed waves cannot show the full lag yet.")
        }
        if let w = result.rankStability.kendallW.finiteValue {
            let reading = w >= 0.7 ? "stable" : (w >= 0.4 ? "moderately stable" : "unstable")
            findings.append("The ranking is \(reading) across waves (Kendall's W \(NumberText.format(w, .decimals(2)))).")
        }
        if let slope = result.sigmaConvergence.slope.finiteValue, let trend = result.sigmaConvergence.trend {
            switch trend {
            case .converging: findings.append("Overall the roles converge: their spread narrows by \(Phrase.points(slope)) a wave.")
            case .diverging: findings.append("Overall the roles drift apart: their spread widens by \(Phrase.points(slope)) a wave.")
            case .stable: findings.append("The overall spread between roles shows no clear trend.")
            }
        }

        let slope = SlopeChart(
            title: "Role Shift Index per role across waves",
            summary: "Each role's index in each wave; a gap in a line is a wave in which the role was not published.",
            waves: waveLabels,
            series: result.roles.filter { $0.roleShiftIndex.contains { $0 != nil } }.map { .init(label: names.short($0.role), values: $0.roleShiftIndex) },
            gridStep: result.stageStep)
        let figures = [ReportFigure(.slope(slope), caption: "Lines: each role's index by wave, labelled at its last value; dotted lines one stage step apart.")]

        let ranked = result.roles.filter { $0.meanRank != nil }.sorted { a, b in
            a.meanRank! != b.meanRank! ? a.meanRank! < b.meanRank! : names.short(a.role) < names.short(b.role)
        }
        let rankRows: [[ReportTable.Cell]] = ranked.map { r in
            [.text(names.full(r.role))] + r.ranks.map { .optional($0, .decimals(1), reason: "not published") }
                + [.optional(r.meanRank, .decimals(2)), .text(r.lagBehindBest.map(lagText) ?? (r.role == result.bestRole ? "leads" : ""))]
        }
        let lagRows: [[ReportTable.Cell]] = result.pairs.filter { p in
            p.isBehind == true && (p.lag.waves != nil || [.converging, .diverging].contains(convergence(result, p.leader, p.follower)?.trend))
        }
            .sorted { a, b in (names.short(a.leader), names.short(a.follower)) < (names.short(b.leader), names.short(b.follower)) }
            .map { p in
                let c = convergence(result, p.leader, p.follower)
                return [.text("\(names.short(p.leader)) ahead of \(names.short(p.follower))"), .estimate(p.difference, .decimals(1)),
                        .text(lagText(p.lag)), c.map { .estimate($0.slope, .signed(2)) } ?? .notAvailable("no common waves"),
                        .text(c?.trend?.rawValue ?? ""), c.flatMap { $0.projectedClose.waves }.map { .number($0, .decimals(1)) } ?? .empty]
            }
        let tables = [
            ReportTable(caption: "Ranks by wave (1 = most advanced) and lag behind the leading role",
                        columns: [.init("Role", numeric: false)] + waveLabels.map { .init($0) } + [.init("Mean rank"), .init("Lag behind the leader", numeric: false)],
                        rows: rankRows),
            ReportTable(caption: "Pairs where one role is behind another, with a measured lag or a clear trend",
                        columns: [.init("Pair", numeric: false), .init("Mean gap (points)"), .init("Lag", numeric: false), .init("Gap trend (points a wave)"),
                                  .init("Trend", numeric: false), .init("Waves to close")],
                        rows: lagRows),
        ]
        return ReportSection(id: id, title: title, lead: lead, findings: findings, figures: figures, tables: tables,
                             notes: ["Pairs with only a censored lag and no clear trend are in the results file.", "A lag is the median, over the follower's waves, of how many waves earlier the leader reached the follower's level; \"more than\" marks a lag the observed waves cannot yet show."])
    }

    static func convergence(_ result: LeadLagRankingResult, _ a: Role, _ b: Role) -> LeadLagRankingResult.PairConvergence? {
        result.convergence.first { ($0.first == a && $0.second == b) || ($0.first == b && $0.second == a) }
    }

    static func lagText(_ lag: LeadLagRankingResult.Lag) -> String {
        if let w = lag.waves { return "\(Phrase.waveCount(w)) wave\(Phrase.waveCount(w) == "1" ? "" : "s")" }
        if let m = lag.moreThan { return "more than \(Phrase.waveCount(m)) wave\(Phrase.waveCount(m) == "1" ? "" : "s")" }
        return (lag.reason ?? "not available").replacingPrefix("not available: ")
    }
}
