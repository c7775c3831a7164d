extension ResponseTable {
    /// The respondent positions x (constructs.md §1) under `settings`' weights: the stored
    /// ``position`` column when the weights are the instrument's, otherwise recomputed with
    /// ``Position/of(stage:confidence:preparedness:settings:)`` (settings overridden on the
    /// command line). One value per row, 0...100.
    func positions(settings: AnalysisSettings) -> [Double] {
        let own = instrument.settings
        if own.stageWeight == settings.stageWeight, own.confidenceWeight == settings.confidenceWeight,
           own.preparednessWeight == settings.preparednessWeight {
            return position
        }
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let c = confidence[i], p = preparedness[i]
            out[i] = Position.of(stage: Int(stage[i]), confidence: c > 0 ? Int(c) : nil,
                                 preparedness: p > 0 ? Int(p) : nil, settings: settings)
        }
        return out
    }

    /// The role code of role index `r`.
    func roleCode(_ r: Int) -> Role { Role(instrument.roles.entries[r].code) }

    /// The blocker code of blocker index `b`.
    func blockerCode(_ b: Int) -> Blocker { Blocker(instrument.blockers.entries[b].code) }
}

/// The reasons a construct's figure is "not available", shared by the constructs so the same
/// situation reads the same everywhere.
enum NotAvailable {
    /// Data without organisations (or where no organisation has two roles): the figures that need
    /// organisations (brief and issue 5).
    static let noOrganisationWithTwoRoles = "not available: no organisation has two or more roles"

    /// `"not available: " + detail`.
    static func because(_ detail: String) -> String { "not available: \(detail)" }

    /// The reason of a kernel's error.
    static func because(_ error: StatisticError) -> String { error.description }
}
