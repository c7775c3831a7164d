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
        if let m = result.medianWaves.finiteValue {
            var sentence = "Half the organisations reach consensus within \(Phrase.waves(m))"
            if let (l, u) = result.medianWaves.interval { sentence += " (\(context.intervalName) \(NumberText.interval(l, u, .decimals(1))) waves)" }
            findings.append(sentence + ".")
        } else if let bound = result.medianLowerBound {
            findings.append("More than half the organisations are still without consensus after \(NumberText.format(bound, .decimals(0))) waves: the median lies beyond the observed waves.")
        }
        findings.append("\(NumberText.format(Double(result.reachedConsensus), .count)) of \(NumberText.format(Double(result.organisations), .count)) organisations reached consensus; \(NumberText.format(Double(result.inConsensusAtEntry), .count)) were already there in their first wave.")

        // The curve up to the first suppressed step.
        var steps: [SurvivalChart.Step] = []
        for s in result.curve.sorted(by: { $0.waves < $1.waves }) {
            guard let survival = s.survival else { break }
            steps.append(.init(time: s.waves, survival: survival, lower: s.lower, upper: s.upper))
        }
        let last = result.curve.filter { $0.survival != nil }.map(\.waves).max()
        let figures = [ReportFigure(.survival(SurvivalChart(
            title: "Time to consensus (Kaplan-Meier)",
            summary: "Share of organisations not yet in consensus by waves since their first wave, with a pointwise \(context.levelText) band.",
            steps: steps, median: result.medianWaves.finiteValue, lastTime: last.map { max($0, 1) },
            bandName: "\(context.levelText) band")),
            caption: "The curve steps down when organisations reach consensus; organisations not yet there are censored at their last wave.\(suppressedSteps > 0 ? " Steps with too few organisations at risk are not drawn." : "")")]
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
}
