import RoleLayerCore

extension TidyExport {
    /// The Role Influence Index tables (constructs.md §6).
    ///
    /// - `influence`: `wave`, `role`, `measure` (`rii`: PageRank × nodes, mean 1, > 1 more
    ///   influential than the average role; `signoff_power`: 0...1), estimate columns.
    /// - `influence_archetypes`: `wave`, `role`, `is_node`, `present`, `archetype`
    ///   (`gatekeeper`, `validator`, `contributor`; empty with `archetype_reason` when a figure
    ///   it needs is not published), `archetype_reason`, `bottleneck` (a gatekeeper whose RSI is
    ///   below the median of the published role RSIs), `rsi`.
    /// - `influence_edges`: `wave`, `source`, `target`, `weight` (0...1, the mean share of the
    ///   source role's nominations going to the target; published source roles only).
    /// - `friction`: `wave`, `measure` (`friction_index`, `unweighted_misalignment`, 0...1;
    ///   `difference`, their difference), estimate columns.
    /// - `friction_pairs`: `wave`, `rank` (1 = highest), `role`, `role_b`, `friction`
    ///   (F_ab = √(RII_a·RII_b)·(1 − A_ab)), `influence_weight`, `alignment`.
    static func influenceTables(_ result: AnalysisResult) -> [TidyTable] {
        var influence = TidyTable(name: "influence", columns: ["wave", "role", "measure"] + estimateColumns)
        var archetypes = TidyTable(name: "influence_archetypes",
                                   columns: ["wave", "role", "is_node", "present", "archetype", "archetype_reason",
                                             "bottleneck", "rsi"])
        var edges = TidyTable(name: "influence_edges", columns: ["wave", "source", "target", "weight"])
        var friction = TidyTable(name: "friction", columns: ["wave", "measure"] + estimateColumns)
        var pairs = TidyTable(name: "friction_pairs",
                              columns: ["wave", "rank", "role", "role_b", "friction", "influence_weight", "alignment"])
        for w in result.waves {
            let i = w.influence
            let wave = TidyCell.text(w.wave.description)
            for r in i.roles {
                let role = TidyCell.text(r.role.rawValue)
                influence.append([wave, role, "rii"] + cells(r.rii))
                influence.append([wave, role, "signoff_power"] + cells(r.signoffPower))
                archetypes.append([wave, role, .flag(r.isNode), .flag(r.present), .text(r.archetype?.rawValue),
                                   .text(r.archetypeReason), flag(r.bottleneck), .number(r.rsi)])
            }
            for e in i.edges {
                edges.append([wave, .text(e.source.rawValue), .text(e.target.rawValue), .number(e.weight)])
            }
            let f = i.friction
            friction.append([wave, "friction_index"] + cells(f.index))
            friction.append([wave, "unweighted_misalignment"] + cells(f.unweightedMisalignment))
            friction.append([wave, "difference"] + cells(f.difference))
            for p in f.pairs {
                pairs.append([wave, .integer(p.rank), .text(p.roleA.rawValue), .text(p.roleB.rawValue),
                              .number(p.friction), .number(p.influenceWeight), .number(p.alignment)])
            }
        }
        return [influence, archetypes, edges, friction, pairs]
    }
}
