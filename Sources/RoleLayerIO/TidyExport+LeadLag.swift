import RoleLayerCore

extension TidyExport {
    /// The Role Lead-Lag Ranking tables (constructs.md §5), across the selected waves.
    ///
    /// - `lead_lag_ranks`: `wave`, `wave_index` (position in the study's wave list), `role`,
    ///   `rsi` (0...100; empty where not published), `rank` (1 = most advanced, ties averaged),
    ///   `n`, `n_organisations`.
    /// - `lead_lag_roles`: `role`, `mean_rank`, `best` (the role with the best mean rank),
    ///   and its lag behind the best role: `lag_waves`, `lag_more_than` (a censored lower bound),
    ///   `lag_reason`, `defined_waves`, `censored_waves`, `skipped_waves`.
    /// - `lead_lag_lags`: one row per ordered pair: `leader`, `follower`, `common_waves`,
    ///   `difference` (mean RSI gap over the common waves, index points) with `lower`, `upper`,
    ///   `n`, `n_organisations`, `reason`, `interval_reason`, `is_behind`, and the lag columns as
    ///   in `lead_lag_roles`.
    /// - `rank_stability`: `measure` (`kendall_w`, 0...1), estimate columns, `roles_ranked`
    ///   (roles published in every wave).
    /// - `convergence`: `measure` (`gap_slope` per unordered pair, `sigma_slope` with roles
    ///   empty; points per wave), `role`, `role_b`, estimate columns, `trend` (`converging`,
    ///   `diverging`, `stable`), `projected_close_waves`, `projected_close_reason`.
    /// - `convergence_gaps`: `wave`, `measure` (`gap`: |RSI_role − RSI_role_b|; `sigma`: the
    ///   standard deviation of the RSIs of the roles published in every wave), `role`, `role_b`, `value`.
    static func leadLagTables(_ result: AnalysisResult) -> [TidyTable] {
        let l = result.acrossWaves.leadLag
        var ranks = TidyTable(name: "lead_lag_ranks",
                              columns: ["wave", "wave_index", "role", "rsi", "rank", "n", "n_organisations"])
        let lagColumns = ["lag_waves", "lag_more_than", "lag_reason", "defined_waves", "censored_waves", "skipped_waves"]
        var roles = TidyTable(name: "lead_lag_roles", columns: ["role", "mean_rank", "best"] + lagColumns)
        var lags = TidyTable(name: "lead_lag_lags",
                             columns: ["leader", "follower", "common_waves", "difference", "lower", "upper", "n",
                                       "n_organisations", "reason", "interval_reason", "is_behind"] + lagColumns)
        var stability = TidyTable(name: "rank_stability", columns: ["measure"] + estimateColumns + ["roles_ranked"])
        var convergence = TidyTable(name: "convergence",
                                    columns: ["measure", "role", "role_b"] + estimateColumns
                                        + ["trend", "projected_close_waves", "projected_close_reason"])
        var gaps = TidyTable(name: "convergence_gaps", columns: ["wave", "measure", "role", "role_b", "value"])

        func lagCells(_ lag: LeadLagRankingResult.Lag?) -> [TidyCell] {
            guard let lag else { return Array(repeating: .missing, count: lagColumns.count) }
            return [.number(lag.waves), .number(lag.moreThan), .text(lag.reason), .integer(lag.definedWaves),
                    .integer(lag.censoredWaves), .integer(lag.skippedWaves)]
        }
        func waveCell(_ k: Int) -> TidyCell { k < l.waves.count ? .text(l.waves[k].description) : .missing }

        for t in l.roles {
            let role = TidyCell.text(t.role.rawValue)
            for k in l.waves.indices {
                ranks.append([waveCell(k), integer(k < l.waveIndices.count ? l.waveIndices[k] : nil), role,
                              .number(k < t.roleShiftIndex.count ? t.roleShiftIndex[k] : nil),
                              .number(k < t.ranks.count ? t.ranks[k] : nil),
                              integer(k < t.respondents.count ? t.respondents[k] : nil),
                              integer(k < t.organisations.count ? t.organisations[k] : nil)])
            }
            roles.append([role, .number(t.meanRank), .flag(t.role == l.bestRole)] + lagCells(t.lagBehindBest))
        }
        for p in l.pairs {
            lags.append([.text(p.leader.rawValue), .text(p.follower.rawValue), .integer(p.commonWaves)]
                        + cells(p.difference) + [flag(p.isBehind)] + lagCells(p.lag))
        }
        stability.append(["kendall_w"] + cells(l.rankStability.kendallW) + [.integer(l.rankStability.roles.count)])

        for c in l.convergence {
            let ra = TidyCell.text(c.first.rawValue), rb = TidyCell.text(c.second.rawValue)
            convergence.append(["gap_slope", ra, rb] + cells(c.slope)
                               + [.text(c.trend?.rawValue), .number(c.projectedClose.waves), .text(c.projectedClose.reason)])
            for (k, gap) in c.gaps.enumerated() { gaps.append([waveCell(k), "gap", ra, rb, .number(gap)]) }
        }
        let s = l.sigmaConvergence
        convergence.append(["sigma_slope", .missing, .missing] + cells(s.slope) + [.text(s.trend?.rawValue), .missing, .missing])
        for (k, sd) in s.standardDeviations.enumerated() { gaps.append([waveCell(k), "sigma", .missing, .missing, .number(sd)]) }
        return [ranks, roles, lags, stability, convergence, gaps]
    }
}
