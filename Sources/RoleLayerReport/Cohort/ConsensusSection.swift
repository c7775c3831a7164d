import RoleLayerCore

/// The consensus horizon section: the Kaplan-Meier curve of time to consensus with its band.
enum ConsensusSection {
    static let id = "consensus-horizon"
    static let title = "Consensus horizon"
    static let lead = "How long organisations take from their first wave until their leadership is aligned and every gatekeeper is at least piloting."

    static func make(_ result: ConsensusHorizonResult?, context: inout ReportContext) -> ReportSection {
        guard let result, result.unavailableReason == nil else {
            let reason = result?.unavailableReason ?? ConsensusHorizon.tooFewWavesReason
            return ReportSection(id: id, title: title, lead: lead, findings: ["The consensus horizon is not available: \(reason.replacingPrefix("not available: "))."])
        }
        let suppressedSteps = result.curve.filter { $0.reason == AnonymityRule.suppressedReason }.count
        context.tally(title, suppressedSteps + (result.medianWaves.isSuppressed ? 1 : 0))

        var findings: [String] = []
        findings.append(contentsOf: findingsText(result, intervalName: context.intervalName))
        // The curve up to the first suppressed step.
        var steps: [SurvivalChart.Step] = []
        for s in result.curve.sorted(by: { $0.waves < $1.waves }) {
            guard let survival = s.survival else { break }
            steps.append(.init(time: s.waves, survival: survival, lower: s.lower, upper: s.upper))
        }
        let last = result.curve.filter { $0.survival != nil }.map(\.waves).max()
        // The band is mentioned only when one is drawn; otherwise the caption says why there is none.
        let hasBand = steps.contains { $0.lower != nil && $0.upper != nil }
        let bandText: String
        if hasBand {
            bandText = ""
        } else if result.reachedConsensus == 0 {
            bandText = " No band is drawn: with no organisation reaching consensus the curve stays at 100% and has no spread to show."
        } else {
            bandText = " No band is drawn: no step of the curve has an interval."
        }
        let figures = [ReportFigure(.survival(SurvivalChart(
            title: "Time to consensus (Kaplan-Meier)",
            summary: "Share of organisations not yet in consensus by waves since their first wave\(hasBand ? ", with a pointwise \(context.levelText) band" : "").",
            steps: steps, median: result.medianWaves.finiteValue, lastTime: last.map { max($0, 1) },
            bandName: "\(context.levelText) band")),
            caption: "The curve steps down when organisations reach consensus; organisations not yet there are censored at their last wave.\(bandText)\(suppressedSteps > 0 ? " Steps with too few organisations at risk are not drawn." : "")")]
        let curveRows: [[ReportTable.Cell]] = result.curve.map { s in
            let survival: ReportTable.Cell = s.reason == AnonymityRule.suppressedReason ? .suppressed : .optional(s.survival, .percent(0), reason: s.reason ?? "not available")
            let band: ReportTable.Cell = s.reason == AnonymityRule.suppressedReason ? .suppressed
                : ((s.lower != nil && s.upper != nil) ? .interval(s.lower!, s.upper!, .percent(0)) : .notAvailable("no band"))
            return [.number(s.waves, .decimals(0)), .count(s.atRisk), s.events.map { .count($0) } ?? .suppressed, survival, band]
        }
        let waveRows: [[ReportTable.Cell]] = result.byWave.map { w in
            [.text(w.wave.description), .text(Phrase.list(w.gatekeepers.map { context.names.short($0) })), .estimate(w.shareInConsensus, .percent(0))]
        }
        let tables = [
            ReportTable(caption: "Kaplan-Meier estimate", columns: [.init("Waves since entry"), .init("At risk"), .init("Reached consensus"),
                                                                   .init("Not yet in consensus"), .init("\(context.levelText) band")], rows: curveRows),
            ReportTable(caption: "Share of organisations in consensus by wave", columns: [.init("Wave", numeric: false), .init("Gatekeepers", numeric: false),
                                                                                         .init("In consensus")], rows: waveRows),
        ]
        return ReportSection(id: id, title: title, lead: lead, findings: findings, figures: figures, tables: tables)
    }

    /// The consensus findings: how many organisations reached consensus, said exactly ("none of
    /// the 496 organisations reached consensus in the 4 waves observed", "12 of 496 …"), and the
    /// median time only when the median exists.
    static func findingsText(_ result: ConsensusHorizonResult, intervalName: String) -> [String] {
        var findings: [String] = []
        let total = NumberText.format(Double(result.organisations), .count)
        let observed = "in the \(result.waves.count) wave\(result.waves.count == 1 ? "" : "s") observed"
        if let m = result.medianWaves.finiteValue {
            var sentence = "Half the organisations reach consensus within \(Phrase.waves(m))"
            if let (l, u) = result.medianWaves.interval { sentence += " (\(intervalName) \(NumberText.interval(l, u, .decimals(1))) waves)" }
            findings.append(sentence + ".")
        }
        let reached = result.reachedConsensus
        var sentence = reached == 0
            ? "None of the \(total) organisations reached consensus \(observed)"
            : "\(NumberText.format(Double(reached), .count)) of \(total) organisations reached consensus \(observed)"
        if result.inConsensusAtEntry > 0 {
            sentence += "; \(NumberText.format(Double(result.inConsensusAtEntry), .count)) \(result.inConsensusAtEntry == 1 ? "was" : "were") already there in their first wave"
        }
        findings.append(sentence + ".")
        return findings
    }
}
