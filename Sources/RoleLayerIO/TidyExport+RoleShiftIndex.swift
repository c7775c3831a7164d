import RoleLayerCore

extension TidyExport {
    /// `role_shift_index` and `stage_distribution` (constructs.md §1).
    ///
    /// `role_shift_index`: `wave`, `previous_wave`, `role`, `measure`, the estimate columns, and
    /// `significant`. Measures: `rsi` (0...100, higher is further along), `shift` and
    /// `panel_shift` (index points since `previous_wave`; no rows without a previous wave;
    /// `significant` = the interval excludes 0), `median_stage` (0...6, no interval).
    ///
    /// `stage_distribution`: `wave`, `role`, `stage` (0...6), `stage_code`, `share` (weighted,
    /// 0...1, the role's seven shares sum to 1), `n`, `n_organisations`, `reason` (a suppressed
    /// role has its seven rows with an empty share and `suppressed`).
    static func roleShiftIndexTables(_ result: AnalysisResult) -> [TidyTable] {
        var rsi = TidyTable(name: "role_shift_index",
                            columns: ["wave", "previous_wave", "role", "measure"] + estimateColumns + ["significant"])
        var stages = TidyTable(name: "stage_distribution",
                               columns: ["wave", "role", "stage", "stage_code", "share", "n", "n_organisations", "reason"])
        let stageCodes = result.instrument.stages.entries.map(\.code)
        for w in result.waves {
            let r = w.roleShiftIndex
            let wave = TidyCell.text(w.wave.description)
            let previous = TidyCell.text(r.previousWave?.description)
            for role in r.roles {
                let code = TidyCell.text(role.role.rawValue)
                let e = role.roleShiftIndex
                rsi.append([wave, previous, code, "rsi"] + cells(e) + [.missing])
                if let shift = role.shift {
                    rsi.append([wave, previous, code, "shift"] + cells(shift) + [flag(role.shiftIsSignificant)])
                }
                if let panel = role.panelShift {
                    rsi.append([wave, previous, code, "panel_shift"] + cells(panel) + [flag(role.panelShiftIsSignificant)])
                }
                rsi.append([wave, previous, code, "median_stage"]
                           + cells(value: role.medianStage.map(Double.init), n: e.n, organisations: e.organisations,
                                   reason: e.reason, intervalReason: noIntervalDefined)
                           + [.missing])
                for stage in Stage.range {
                    let share = role.stageDistribution.flatMap { stage < $0.count ? $0[stage] : nil }
                    stages.append([wave, code, .integer(stage),
                                   .text(stage < stageCodes.count ? stageCodes[stage] : nil),
                                   .number(share), .integer(e.n), .integer(e.organisations),
                                   share == nil ? .text(e.reason ?? "not available") : .missing])
                }
            }
        }
        return [rsi, stages]
    }
}
