import RoleLayerCore

extension TidyExport {
    /// The Role Alignment Map tables (constructs.md §4).
    ///
    /// - `alignment_map`: pairs × dimensions: `wave`, `role`, `role_b`, `dimension` (`all` for
    ///   the composite A_ab, else `priorities`, `ownership`, `direction`, `conviction`, `risk`),
    ///   `measure` (`alignment`, 0...1, 1 = the roles answer alike; `excess`, A_ab − chance
    ///   baseline, −1...1, composite only), estimate columns. A wave whose map is not available
    ///   (no organisation with two or more roles) has one row with empty roles and the reason.
    /// - `alignment_baseline`: `wave`, `role`, `role_b`, `value` (chance baseline 0...1),
    ///   `pairs_used`, `cross_organisation_pairs`, `sampled`, `reason`.
    /// - `fault_lines`: `wave`, `rank` (1 = lowest alignment), `role`, `role_b`, `measure`
    ///   (`alignment`, `excess`), estimate columns.
    /// - `leadership_alignment`: `wave`, `measure`, estimate columns. Measures: `mean` of A_o
    ///   over organisations (0...1), its `lower_quartile`, `median`, `upper_quartile`,
    ///   `direction_rwg` and `conviction_rwg` (mean rWG over organisations, 0...1).
    /// - `alignment_agreement`: `wave`, `dimension`, `metric`, estimate columns
    ///   (Krippendorff's alpha, at most 1; n = values, n_organisations = units).
    static func alignmentTables(_ result: AnalysisResult) -> [TidyTable] {
        var map = TidyTable(name: "alignment_map", columns: ["wave", "role", "role_b", "dimension", "measure"] + estimateColumns)
        var baseline = TidyTable(name: "alignment_baseline",
                                 columns: ["wave", "role", "role_b", "value", "pairs_used", "cross_organisation_pairs",
                                           "sampled", "reason"])
        var faults = TidyTable(name: "fault_lines", columns: ["wave", "rank", "role", "role_b", "measure"] + estimateColumns)
        var leadership = TidyTable(name: "leadership_alignment", columns: ["wave", "measure"] + estimateColumns)
        var agreement = TidyTable(name: "alignment_agreement", columns: ["wave", "dimension", "metric"] + estimateColumns)
        for w in result.waves {
            let a = w.alignment
            let wave = TidyCell.text(w.wave.description)
            if let reason = a.unavailableReason, a.pairs.isEmpty {
                map.append([wave, .missing, .missing, "all", "alignment"]
                           + cells(value: nil, n: a.respondents, organisations: a.organisations, reason: reason))
            }
            for p in a.pairs {
                let ra = TidyCell.text(p.roleA.rawValue), rb = TidyCell.text(p.roleB.rawValue)
                map.append([wave, ra, rb, "all", "alignment"] + cells(p.alignment))
                map.append([wave, ra, rb, "all", "excess"] + cells(p.excess))
                for d in p.dimensions {
                    map.append([wave, ra, rb, .text(d.dimension.rawValue), "alignment"] + cells(d.alignment))
                }
                if let c = p.baseline {
                    baseline.append([wave, ra, rb, .number(c.value), .integer(c.pairsUsed), .integer(c.crossOrganisationPairs),
                                     .flag(c.sampled), c.value == nil ? .text(c.reason ?? "not available") : .missing])
                } else {
                    baseline.append([wave, ra, rb, .missing, .missing, .missing, .missing,
                                     .text(p.alignment.reason ?? "not available")])
                }
            }
            for f in a.faultLines {
                let ra = TidyCell.text(f.roleA.rawValue), rb = TidyCell.text(f.roleB.rawValue)
                faults.append([wave, .integer(f.rank), ra, rb, "alignment"] + cells(f.alignment))
                faults.append([wave, .integer(f.rank), ra, rb, "excess"] + cells(f.excess))
            }

            let l = a.leadership
            leadership.append([wave, "mean"] + cells(l.mean))
            for (name, q) in [("lower_quartile", l.lowerQuartile), ("median", l.median), ("upper_quartile", l.upperQuartile)] {
                leadership.append([wave, .text(name)]
                                  + cells(value: q, n: l.mean.n, organisations: l.mean.organisations,
                                          reason: l.quartilesReason ?? l.mean.reason, intervalReason: noIntervalDefined))
            }
            leadership.append([wave, "direction_rwg"] + cells(l.directionAgreement))
            leadership.append([wave, "conviction_rwg"] + cells(l.convictionAgreement))

            for d in a.agreement {
                agreement.append([wave, .text(d.dimension.rawValue), .text(d.metric)] + cells(d.alpha))
            }
        }
        return [map, baseline, faults, leadership, agreement]
    }
}
