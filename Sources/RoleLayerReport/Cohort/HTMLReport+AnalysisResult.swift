import RoleLayerCore

extension HTMLReport {
    /// The cohort report of a full analysis: the per-wave sections show the latest analysed wave
    /// (with its shifts since the wave before), the lead-lag and consensus sections span every
    /// analysed wave.
    ///
    /// - Parameters:
    ///   - result: the output of `Analysis.run`.
    ///   - cohortName: the study's name for the title, for example "Simulated cohort".
    /// - Returns: one self-contained HTML5 page (inline CSS and SVG, no script, no URL); `nil` when
    ///   the result has no wave to show.
    public static func render(result: AnalysisResult, cohortName: String) -> String? {
        guard let latest = result.waves.last else { return nil }
        var segment = result.selection.segment.values
            .sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key.rawValue) = \($0.value)" }
        if let s = result.selection.segment.orgStage { segment.append("organisational maturity = \(s)") }
        let input = CohortReportInput(
            instrument: result.instrument, settings: result.settings, cohortName: cohortName,
            studyWaves: result.selection.waves,
            segment: segment.isEmpty ? "all respondents" : segment.joined(separator: ", "),
            roleShiftIndex: latest.roleShiftIndex, adoptionGradient: latest.adoptionGradient,
            blockers: latest.blockers, alignment: latest.alignment,
            leadLag: result.waves.count >= 2 ? result.acrossWaves.leadLag : nil,
            influence: latest.influence,
            consensus: result.waves.count >= 3 ? result.acrossWaves.consensusHorizon : nil,
            generator: result.generator)
        return render(input)
    }
}
