import RoleLayerCore

extension TidyExport {
    /// The blocker distribution tables (constructs.md §3).
    ///
    /// - `blocker_shares`: `wave`, `blocker`, `role`, `measure`, estimate columns,
    ///   `adjusted_residual`, `marked`, `concentrated`. Measures: `cell_share` (p_b over the whole
    ///   cell, `role` empty), `share` (p_rb, 0...1, Wilson interval) and `lift` (p_rb / p_b, no
    ///   interval). The residual columns are filled on `share` rows: Haberman's adjusted residual,
    ///   `marked` (|z| above the threshold in a test surviving Benjamini-Hochberg) and
    ///   `concentrated` (marked with z > 0: the blocker concentrates in the role).
    /// - `blocker_tests`: one row per test: `wave`, `test` (`chi_square` per blocker, or
    ///   `joint_permutation` over all blockers with `blocker` empty), `blocker`, `n`,
    ///   `n_organisations`, `statistic`, `degrees_of_freedom`, `p_value`, `adjusted_p_value`,
    ///   `survives_adjustment`, `cramers_v`, `has_small_expected`, `residual_threshold`,
    ///   `permutations`, `undefined_permutations`, `reason`.
    /// - `primary_blocker_profiles`: `wave`, `role`, `blocker`, `share` (0...1; a published
    ///   role's shares sum to 1), `n`, `n_organisations`, `reason`.
    /// - `blocker_divergence`: `wave`, `measure`, `role`, `role_b`, estimate columns. Measures:
    ///   `jensen_shannon_divergence` (base 2, 0...1) per pair of published profiles, and
    ///   `shared_constraint_index` (1 − mean divergence, roles empty).
    static func blockerTables(_ result: AnalysisResult) -> [TidyTable] {
        var shares = TidyTable(name: "blocker_shares",
                               columns: ["wave", "blocker", "role", "measure"] + estimateColumns
                                   + ["adjusted_residual", "marked", "concentrated"])
        var tests = TidyTable(name: "blocker_tests",
                              columns: ["wave", "test", "blocker", "n", "n_organisations", "statistic",
                                        "degrees_of_freedom", "p_value", "adjusted_p_value", "survives_adjustment",
                                        "cramers_v", "has_small_expected", "residual_threshold",
                                        "permutations", "undefined_permutations", "reason"])
        var profiles = TidyTable(name: "primary_blocker_profiles",
                                 columns: ["wave", "role", "blocker", "share", "n", "n_organisations", "reason"])
        var divergence = TidyTable(name: "blocker_divergence",
                                   columns: ["wave", "measure", "role", "role_b"] + estimateColumns)
        for w in result.waves {
            let b = w.blockers
            let wave = TidyCell.text(w.wave.description)
            for f in b.blockers {
                let blocker = TidyCell.text(f.blocker.rawValue)
                shares.append([wave, blocker, .missing, "cell_share"] + cells(f.cellShare) + [.missing, .missing, .missing])
                for r in f.roles {
                    let role = TidyCell.text(r.role.rawValue)
                    shares.append([wave, blocker, role, "share"] + cells(r.share)
                                  + [.number(r.adjustedResidual), .flag(r.marked), .flag(r.concentrated)])
                    shares.append([wave, blocker, role, "lift"] + cells(r.lift) + [.missing, .missing, .missing])
                }
                let t = f.test
                tests.append([wave, "chi_square", blocker, .integer(t.n), .missing, .number(t.chiSquare),
                              integer(t.degreesOfFreedom), .number(t.pValue), .number(t.adjustedPValue),
                              .flag(t.survivesAdjustment), .number(t.cramersV), flag(t.hasSmallExpected),
                              .number(b.residualThreshold), .missing, .missing, .text(t.reason)])
            }
            let j = b.jointTest
            tests.append([wave, "joint_permutation", .missing, .integer(j.n), .integer(j.organisations),
                          .number(j.statistic), .missing, .number(j.pValue), .missing, .missing, .missing, .missing,
                          .missing, .integer(j.permutations), .integer(j.undefinedPermutations), .text(j.reason)])

            let blockerCodes = result.instrument.blockers.entries.map(\.code)
            for p in b.primaryBlockerProfiles {
                for (i, code) in blockerCodes.enumerated() {
                    let share = p.shares.flatMap { i < $0.count ? $0[i] : nil }
                    profiles.append([wave, .text(p.role.rawValue), .text(code), .number(share), .integer(p.n),
                                     .integer(p.organisations), share == nil ? .text(p.reason ?? "not available") : .missing])
                }
            }
            for d in b.profileDivergences {
                divergence.append([wave, "jensen_shannon_divergence", .text(d.first.rawValue), .text(d.second.rawValue)]
                                  + cells(d.divergence))
            }
            divergence.append([wave, "shared_constraint_index", .missing, .missing] + cells(b.sharedConstraintIndex))
        }
        return [shares, tests, profiles, divergence]
    }
}
