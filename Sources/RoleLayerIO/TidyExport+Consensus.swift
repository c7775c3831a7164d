import RoleLayerCore

extension TidyExport {
    /// The consensus horizon tables (constructs.md §7), across the selected waves.
    ///
    /// - `consensus_horizon`: `measure`, estimate columns. Measures: `median_waves` (Kaplan-Meier
    ///   median waves from entry to consensus, Brookmeyer-Crowley interval), `median_lower_bound`
    ///   (when the median is not reached: it exceeds this many waves), and the counts
    ///   `organisations_entered`, `reached_consensus`, `censored`, `in_consensus_at_entry`. When
    ///   the construct is not available every row carries the reason.
    /// - `consensus_curve`: `waves_since_entry`, `at_risk`, `events`, `censored`, `survival`
    ///   (share not yet in consensus, 0...1), `lower`, `upper` (pointwise log-log band), `reason`.
    /// - `consensus_by_wave`: `wave`, `measure` (`share_in_consensus`, 0...1), estimate columns.
    /// - `consensus_gatekeepers`: `wave`, `role`: the gatekeeper roles used in that wave.
    static func consensusTables(_ result: AnalysisResult) -> [TidyTable] {
        let c = result.acrossWaves.consensusHorizon
        var horizon = TidyTable(name: "consensus_horizon", columns: ["measure"] + estimateColumns)
        var curve = TidyTable(name: "consensus_curve",
                              columns: ["waves_since_entry", "at_risk", "events", "censored", "survival", "lower", "upper", "reason"])
        var byWave = TidyTable(name: "consensus_by_wave", columns: ["wave", "measure"] + estimateColumns)
        var gatekeepers = TidyTable(name: "consensus_gatekeepers", columns: ["wave", "role"])

        let m = c.medianWaves
        horizon.append(["median_waves"] + cells(m))
        horizon.append(["median_lower_bound"]
                       + cells(value: c.medianLowerBound, n: m.n, organisations: m.organisations,
                               reason: c.unavailableReason ?? (m.value != nil ? "the median is reached" : m.reason),
                               intervalReason: noIntervalDefined))
        let counts: [(String, Int)] = [("organisations_entered", c.organisations), ("reached_consensus", c.reachedConsensus),
                                       ("censored", c.censored), ("in_consensus_at_entry", c.inConsensusAtEntry)]
        for (name, count) in counts {
            horizon.append([.text(name)]
                           + cells(value: c.unavailableReason == nil ? Double(count) : nil, n: nil, organisations: nil,
                                   reason: c.unavailableReason, intervalReason: noIntervalDefined))
        }
        for s in c.curve {
            curve.append([.number(s.waves), .integer(s.atRisk), integer(s.events), integer(s.censored), .number(s.survival),
                          .number(s.lower), .number(s.upper), .text(s.reason)])
        }
        for w in c.byWave {
            let wave = TidyCell.text(w.wave.description)
            byWave.append([wave, "share_in_consensus"] + cells(w.shareInConsensus))
            for g in w.gatekeepers { gatekeepers.append([wave, .text(g.rawValue)]) }
        }
        return [horizon, curve, byWave, gatekeepers]
    }
}
