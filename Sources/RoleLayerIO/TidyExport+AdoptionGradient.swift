import RoleLayerCore

extension TidyExport {
    /// The Organisational Adoption Gradient tables (constructs.md §2).
    ///
    /// - `adoption_gradient`: `wave`, `measure`, estimate columns. Measures: `role_gradient`,
    ///   `role_gradient_bias_corrected`, `role_means_sd`, `stage_gradient` (index points),
    ///   `gradient_ratio` (R = G_role / G_stage), and the variance decomposition
    ///   `eta_squared_role`, `eta_squared_maturity`, `partial_eta_squared_role`,
    ///   `partial_eta_squared_maturity`, `r_squared`, `lmg_role`, `lmg_maturity` (shares 0...1),
    ///   `lmg_difference` (−1...1).
    /// - `gradient_roles`: `wave`, `role`, `compared` (passes the anonymity rule and enters
    ///   G_role), `leading`, `lagging`.
    /// - `maturity_groups`: `wave`, `stage` (organisational maturity 0...6), estimate columns
    ///   (mean x of the group's respondents).
    /// - `stage_gaps`: `wave`, `from_stage`, `to_stage`, estimate columns (mean x at `to_stage`
    ///   minus mean x at `from_stage`).
    /// - `within_organisation_gradient`: `wave`, `measure`, estimate columns,
    ///   `organisations_included`. Measures: `median`, `lower_quartile`, `upper_quartile`,
    ///   `interquartile_range` of g_o (index points), `share_at_least_one_step` (0...1),
    ///   `mean_of_organisation_means` (0...100).
    static func adoptionGradientTables(_ result: AnalysisResult) -> [TidyTable] {
        var gradient = TidyTable(name: "adoption_gradient", columns: ["wave", "measure"] + estimateColumns)
        var roles = TidyTable(name: "gradient_roles", columns: ["wave", "role", "compared", "leading", "lagging"])
        var groups = TidyTable(name: "maturity_groups", columns: ["wave", "stage"] + estimateColumns)
        var gaps = TidyTable(name: "stage_gaps", columns: ["wave", "from_stage", "to_stage"] + estimateColumns)
        var within = TidyTable(name: "within_organisation_gradient",
                               columns: ["wave", "measure"] + estimateColumns + ["organisations_included"])
        for w in result.waves {
            let g = w.adoptionGradient
            let wave = TidyCell.text(w.wave.description)
            let v = g.varianceDecomposition
            let measures: [(String, Estimate)] = [
                ("role_gradient", g.roleGradient), ("role_gradient_bias_corrected", g.roleGradientBiasCorrected),
                ("role_means_sd", g.roleMeansStandardDeviation), ("stage_gradient", g.stageGradient),
                ("gradient_ratio", g.gradientRatio),
                ("eta_squared_role", v.etaSquaredRole), ("eta_squared_maturity", v.etaSquaredMaturity),
                ("partial_eta_squared_role", v.partialEtaSquaredRole),
                ("partial_eta_squared_maturity", v.partialEtaSquaredMaturity),
                ("r_squared", v.rSquared), ("lmg_role", v.lmgRole), ("lmg_maturity", v.lmgMaturity),
                ("lmg_difference", v.lmgDifference),
            ]
            for (name, e) in measures { gradient.append([wave, .text(name)] + cells(e)) }

            let compared = Set(g.rolesCompared)
            for role in w.roleShiftIndex.roles.map(\.role) {
                roles.append([wave, .text(role.rawValue), .flag(compared.contains(role)),
                              .flag(role == g.leadingRole), .flag(role == g.laggingRole)])
            }
            for group in g.maturityGroups { groups.append([wave, .integer(group.stage)] + cells(group.mean)) }
            for gap in g.adjacentStageGaps {
                gaps.append([wave, .integer(gap.fromStage), .integer(gap.toStage)] + cells(gap.gap))
            }

            let o = g.withinOrganisation
            let included = TidyCell.integer(o.organisationsIncluded)
            within.append([wave, "median"] + cells(o.median) + [included])
            for (name, q) in [("lower_quartile", o.lowerQuartile), ("upper_quartile", o.upperQuartile)] {
                within.append([wave, .text(name)]
                              + cells(value: q, n: o.median.n, organisations: o.median.organisations,
                                      reason: o.median.reason, intervalReason: noIntervalDefined)
                              + [included])
            }
            within.append([wave, "interquartile_range"] + cells(o.interquartileRange) + [included])
            within.append([wave, "share_at_least_one_step"] + cells(o.shareAtLeastOneStep) + [included])
            within.append([wave, "mean_of_organisation_means"] + cells(o.meanOfOrganisationMeans) + [included])
        }
        return [gradient, roles, groups, gaps, within]
    }
}
