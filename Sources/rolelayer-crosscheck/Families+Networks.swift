import RoleLayerCore

/// Families whose kernels are network statistics: PageRank and the classical centralities,
/// checked against networkx.
let networkFamilies: [(String, @Sendable (JSON) throws -> Output)] = [
    // {"weights": N x N (row = source), "damping", "dangling": null | [N], "tolerance", "maxIterations"}
    ("pagerank", { fixture in
        let weights = try fixture["weights"].doubleMatrix
        let dangling: PageRank.DanglingPolicy = try fixture.optional("dangling").map { .custom(try $0.doubles) } ?? .uniform
        var values = Values()
        values.set("scores", .numbers(try PageRank.scores(
            weights: weights, damping: try fixture["damping"].double, dangling: dangling,
            tolerance: try fixture["tolerance"].double, maximumIterations: try fixture["maxIterations"].int)))
        return values.output
    }),
    // {"nodes": N, "edges": [[a, b], ...], "directed": Bool}
    ("centrality", { fixture in
        let edges = try fixture["edges"].intMatrix.map { pair throws(AdapterError) -> (Int, Int) in
            guard pair.count == 2 else { throw AdapterError("an edge needs two nodes") }
            return (pair[0], pair[1])
        }
        let graph = try SimpleGraph(nodeCount: try fixture["nodes"].int, edges: edges, directed: try fixture["directed"].bool)
        var values = Values()
        values.set("degree", .numbers(Centrality.degree(graph)))
        values.set("inDegree", .numbers(Centrality.inDegree(graph)))
        values.set("outDegree", .numbers(Centrality.outDegree(graph)))
        values.set("closeness", .numbers(Centrality.closeness(graph)))
        values.set("betweenness", .numbers(Centrality.betweenness(graph, normalized: true)))
        values.set("betweennessRaw", .numbers(Centrality.betweenness(graph, normalized: false)))
        values.attempt("eigenvector") { () throws(StatisticError) in .numbers(try Centrality.eigenvector(graph).scores) }
        return values.output
    }),
]

/// Families whose kernels are survival statistics: the Kaplan-Meier curve, checked against
/// statsmodels `SurvfuncRight`.
let survivalFamilies: [(String, @Sendable (JSON) throws -> Output)] = [
    // {"times": [n], "events": [n Bool], "level"}
    ("kaplan-meier", { fixture in
        let times = try fixture["times"].doubles
        let events = try fixture["events"].bools
        let level = try fixture["level"].double
        var values = Values()
        let steps = try KaplanMeier.estimate(times: times, events: events, level: level, transform: .logLog)
        values.set("time", .numbers(steps.map(\.time)))
        values.set("atRisk", .numbers(steps.map { Double($0.atRisk) }))
        values.set("events", .numbers(steps.map { Double($0.events) }))
        values.set("survival", .numbers(steps.map(\.survival)))
        values.set("standardError", .optionalNumbers(steps.map(\.standardError)))
        for transform in KaplanMeier.IntervalTransform.allCases {
            let band = transform == .logLog ? steps : try KaplanMeier.estimate(times: times, events: events, level: level, transform: transform)
            values.set("lower_\(transform.rawValue)", .optionalNumbers(band.map(\.lower)))
            values.set("upper_\(transform.rawValue)", .optionalNumbers(band.map(\.upper)))
        }
        values.set("median", .optional(KaplanMeier.medianTime(steps).estimate))
        return values.output
    }),
]
