import RoleLayerCore

/// Families whose kernels measure agreement and variance partitions: Krippendorff's alpha, the
/// one-way ANOVA, ICC(1)/ICC(2) and the additive two-factor ANOVA with Type II sums of squares.
let agreementFamilies: [(String, @Sendable (JSON) throws -> Output)] = [
    // {"data": units x coders (null = missing), "metric": "nominal" | "ordinal" | "interval" | "ratio"}
    ("krippendorff", { fixture in
        let name = try fixture["metric"].string
        guard let metric = KrippendorffAlpha.Metric(rawValue: name) else { throw AdapterError("unknown metric \(name)") }
        var values = Values()
        values.set("alpha", try KrippendorffAlpha.alpha(try fixture["data"].optionalDoubleMatrix, metric: metric))
        return values.output
    }),
    // {"values": [N], "groups": [N group indices]}
    ("anova-oneway", { fixture in
        let r = try AnalysisOfVariance.oneWay(values: try fixture["values"].doubles, groups: try fixture["groups"].ints)
        var values = Values()
        values.set("ssBetween", r.ssBetween)
        values.set("ssWithin", r.ssWithin)
        values.set("dfBetween", .int(r.dfBetween))
        values.set("dfWithin", .int(r.dfWithin))
        values.set("f", .optional(r.f))
        values.set("pValue", .optional(r.pValue))
        values.set("etaSquared", r.etaSquared)
        values.set("omegaSquared", r.omegaSquared)
        values.set("epsilonSquared", r.epsilonSquared)
        return values.output
    }),
    // the one-way fixtures again
    ("icc", { fixture in
        let anova = try AnalysisOfVariance.oneWay(values: try fixture["values"].doubles, groups: try fixture["groups"].ints)
        var values = Values()
        values.attempt("icc1") { () throws(StatisticError) in .number(try IntraclassCorrelation.icc1(anova, groupSize: .averageGroupSize)) }
        values.attempt("icc1n0") { () throws(StatisticError) in .number(try IntraclassCorrelation.icc1(anova, groupSize: .searle)) }
        values.attempt("icc2") { () throws(StatisticError) in .number(try IntraclassCorrelation.icc2(anova)) }
        return values.output
    }),
    // {"y": [N], "a": [N levels], "b": [N levels], "weights": null | [N]}
    ("anova-twofactor", { fixture in
        let r = try AnalysisOfVariance.twoFactorAdditive(
            y: try fixture["y"].doubles, a: try fixture["a"].ints, b: try fixture["b"].ints,
            weights: try fixture.optional("weights")?.doubles)
        var values = Values()
        values.set("ssTotal", r.ssTotal)
        values.set("typeIISSA", r.typeIISSA)
        values.set("typeIISSB", r.typeIISSB)
        values.set("residualSS", r.residualSS)
        values.set("dfA", .int(r.dfA))
        values.set("dfB", .int(r.dfB))
        values.set("residualDF", .int(r.residualDF))
        values.set("fA", .optional(r.fA))
        values.set("pA", .optional(r.pA))
        values.set("fB", .optional(r.fB))
        values.set("pB", .optional(r.pB))
        values.set("etaSquaredA", r.etaSquaredA)
        values.set("etaSquaredB", r.etaSquaredB)
        values.set("rSquared", r.rSquared)
        values.set("partialEtaSquaredA", .optional(r.partialEtaSquaredA))
        values.set("partialEtaSquaredB", .optional(r.partialEtaSquaredB))
        values.set("lmgA", r.lmgA)
        values.set("lmgB", r.lmgB)
        return values.output
    }),
]

/// Further agreement and association kernels with a library oracle: Fleiss' kappa, Cochran's Q,
/// Somers' D.
let extraFamilies: [(String, @Sendable (JSON) throws -> Output)] = [
    // {"counts": subjects x categories}
    ("fleiss-kappa", { fixture in
        let r = try FleissKappa.estimate(try fixture["counts"].intMatrix)
        var values = Values()
        values.set("kappa", r.kappa)
        return values.output
    }),
    // {"responses": respondents x items of Bool}
    ("cochran-q", { fixture in
        let rows = try fixture["responses"].array.map { row throws(AdapterError) in try row.bools }
        let r = try CochranQ.test(rows)
        var values = Values()
        values.set("statistic", r.statistic)
        values.set("degreesOfFreedom", .int(r.degreesOfFreedom))
        values.set("pValue", r.pValue)
        return values.output
    }),
    // {"x": [n], "y": [n]}
    ("somers-d", { fixture in
        var values = Values()
        values.set("d", try SomersD.d(y: try fixture["y"].doubles, x: try fixture["x"].doubles))
        return values.output
    }),
]
