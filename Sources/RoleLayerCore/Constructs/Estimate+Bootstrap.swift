extension Estimate {
    /// A published value for which the specification defines no interval.
    init(unboundedValue value: Double, n: Int, organisations: Int) {
        self.init(value: value, n: n, organisations: organisations, intervalReason: Estimate.noIntervalDefined)
    }

    /// The ``intervalReason`` of a figure for which constructs.md gives no interval.
    static let noIntervalDefined = "no interval defined for this figure"

    /// `true` when the interval exists and excludes 0 (the "significant" flag of constructs.md §1).
    var intervalExcludesZero: Bool { intervalAboveZero || intervalBelowZero }
}

extension ClusterBootstrap {
    /// The bootstrap configured by the analysis settings: B, seed, level and the largest share of
    /// undefined replicates (constructs.md "Uncertainty" and settled conventions).
    init(settings: AnalysisSettings) {
        self.init(replicates: settings.bootstrapReplicates, seed: settings.seed,
                  confidenceLevel: settings.confidenceLevel,
                  maximumUndefinedShare: settings.maximumUndefinedReplicateShare)
    }
}
