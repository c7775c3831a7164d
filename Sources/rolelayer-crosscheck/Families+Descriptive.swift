import RoleLayerCore

/// Families whose kernels describe one sample or compare two profiles: weighted moments,
/// quantiles, the Wilson interval, Jensen-Shannon, Jaccard and the top-k footrule.
let descriptiveFamilies: [(String, @Sendable (JSON) throws -> Output)] = [
    // {"values": [n], "weights": null | [n], "splits": [cut indices]}: all at once, and as parts merged.
    ("moments", { fixture in
        let x = try fixture["values"].doubles
        let w = try fixture.optional("weights")?.doubles
        let whole = try WeightedMoments(x, weights: w)
        var merged = WeightedMoments()
        var start = 0
        for end in try fixture["splits"].ints + [x.count] {
            let part = try WeightedMoments(Array(x[start..<end]), weights: w.map { Array($0[start..<end]) })
            merged.merge(part)
            start = end
        }
        var values = Values()
        values.set("count", .int(whole.count))
        values.set("sumOfWeights", whole.sumOfWeights)
        values.set("mean", .optional(whole.mean))
        values.attempt("variance") { () throws(StatisticError) in .number(try whole.variance()) }
        values.set("mergedMean", .optional(merged.mean))
        values.attempt("mergedVariance") { () throws(StatisticError) in .number(try merged.variance()) }
        return values.output
    }),
    // {"values": [n], "ps": [probabilities]}
    ("quantile", { fixture in
        let x = try fixture["values"].doubles
        var values = Values()
        values.set("quantiles", .numbers(try Quantile.type7(x, try fixture["ps"].doubles)))
        values.set("median", try Quantile.median(x))
        return values.output
    }),
    // {"successes", "n", "level"}
    ("wilson", { fixture in
        let interval = try WilsonInterval.interval(successes: try fixture["successes"].double, n: try fixture["n"].int,
                                                   level: try fixture["level"].double)
        var values = Values()
        values.set("lower", interval.lower)
        values.set("upper", interval.upper)
        return values.output
    }),
    // {"p": [k], "q": [k]} (counts or shares)
    ("jensen-shannon", { fixture in
        let p = try fixture["p"].doubles, q = try fixture["q"].doubles
        var values = Values()
        values.set("divergence", try JensenShannon.divergence(p, q))
        values.set("distance", try JensenShannon.distance(p, q))
        return values.output
    }),
    // {"a": [set bit indices], "b": [...]}
    ("jaccard", { fixture in
        func mask(_ bits: [Int]) throws(AdapterError) -> UInt64 {
            var m: UInt64 = 0
            for bit in bits {
                guard (0..<64).contains(bit) else { throw AdapterError("bit \(bit) outside 0..<64") }
                m |= 1 << UInt64(bit)
            }
            return m
        }
        let a = try mask(try fixture["a"].ints), b = try mask(try fixture["b"].ints)
        var values = Values()
        values.set("distance", Jaccard.distance(a, b))
        values.set("similarity", Jaccard.similarity(a, b))
        return values.output
    }),
    // {"a": [items], "b": [items], "k"}
    ("footrule", { fixture in
        var values = Values()
        values.set("distance", try SpearmanFootrule.normalisedDistance(try fixture["a"].ints, try fixture["b"].ints,
                                                                      k: try fixture["k"].int))
        return values.output
    }),
]

/// Families whose kernels are tests and regressions: chi-square, multiple testing, Kendall's τ_b
/// and W, the least-squares line.
let testFamilies: [(String, @Sendable (JSON) throws -> Output)] = [
    // {"table": r x c counts}
    ("chi-square", { fixture in
        let r = try ChiSquare.independence(try fixture["table"].doubleMatrix)
        var values = Values()
        values.set("statistic", r.statistic)
        values.set("degreesOfFreedom", .int(r.degreesOfFreedom))
        values.set("pValue", r.pValue)
        values.set("cramersV", r.cramersV)
        values.set("tschuprowsT", r.tschuprowsT)
        values.set("pearsonsC", r.pearsonsC)
        values.set("gStatistic", r.gStatistic)
        values.set("gPValue", r.gPValue)
        values.set("expected", .matrix(r.expected))
        values.set("adjustedResiduals", .matrix(r.adjustedResiduals))
        values.set("keptRows", .numbers(r.keptRows.map(Double.init)))
        values.set("keptColumns", .numbers(r.keptColumns.map(Double.init)))
        return values.output
    }),
    // {"p": [m, null = not available]}
    ("multiple-testing", { fixture in
        let p = try fixture["p"].optionalDoubles
        var values = Values()
        values.set("bh", .optionalNumbers(BenjaminiHochberg.adjust(p)))
        values.set("by", .optionalNumbers(BenjaminiYekutieli.adjust(p)))
        values.set("holm", .optionalNumbers(Holm.adjust(p)))
        return values.output
    }),
    // {"x": [n], "y": [n]}
    ("kendall-tau", { fixture in
        let r = try KendallTau.tauB(try fixture["x"].doubles, try fixture["y"].doubles)
        var values = Values()
        values.set("tau", r.tau)
        values.set("pValue", r.pValue)
        return values.output
    }),
    // {"ranks": [judge][object]}
    ("kendall-w", { fixture in
        let r = try KendallW.test(ranks: try fixture["ranks"].doubleMatrix)
        var values = Values()
        values.set("w", r.w)
        values.set("friedmanChiSquare", r.friedmanChiSquare)
        values.set("pValue", r.pValue)
        return values.output
    }),
    // {"x": [n], "y": [n], "weights": null | [n]}
    ("ols", { fixture in
        let x = try fixture["x"].doubles, y = try fixture["y"].doubles
        let w = try fixture.optional("weights")?.doubles
        let fit = try OrdinaryLeastSquares.fit(x: x, y: y, weights: w)
        var values = Values()
        values.set("slope", fit.slope)
        values.set("intercept", fit.intercept)
        values.set("rSquared", .optional(fit.rSquared))
        values.set("slopeStandardError", .optional(fit.slopeStandardError))
        if w == nil {
            let line = try OrdinaryLeastSquares.slope(x: x, y: y)
            values.set("slopeOnly", line.slope)
            values.set("interceptOnly", line.intercept)
        }
        return values.output
    }),
]
