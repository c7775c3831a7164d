/// Any chart the report can draw. Each case's chart renders itself to inline SVG.
public enum ChartSpec: Sendable, Hashable {
    case dotInterval(DotIntervalChart)
    case stackedBars(StackedBarChart)
    case heatmap(HeatmapChart)
    case heatmapSmallMultiples(HeatmapSmallMultiples)
    case slope(SlopeChart)
    case network(NetworkChart)
    case survival(SurvivalChart)
    case histogram(HistogramChart)
    case pairedBars(PairedBarChart)

    /// The chart's inline SVG; `id` must be unique in the page. With `standalone` the SVG carries
    /// its namespace and the shared definitions, for writing as its own `.svg` file.
    public func svg(id: String, standalone: Bool = false) -> String {
        switch self {
        case .dotInterval(let c): c.svg(id: id, standalone: standalone)
        case .stackedBars(let c): c.svg(id: id, standalone: standalone)
        case .heatmap(let c): c.svg(id: id, standalone: standalone)
        case .heatmapSmallMultiples(let c): c.svg(id: id, standalone: standalone)
        case .slope(let c): c.svg(id: id, standalone: standalone)
        case .network(let c): c.svg(id: id, standalone: standalone)
        case .survival(let c): c.svg(id: id, standalone: standalone)
        case .histogram(let c): c.svg(id: id, standalone: standalone)
        case .pairedBars(let c): c.svg(id: id, standalone: standalone)
        }
    }

    /// The chart's short title.
    public var title: String {
        switch self {
        case .dotInterval(let c): c.title
        case .stackedBars(let c): c.title
        case .heatmap(let c): c.title
        case .heatmapSmallMultiples(let c): c.title
        case .slope(let c): c.title
        case .network(let c): c.title
        case .survival(let c): c.title
        case .histogram(let c): c.title
        case .pairedBars(let c): c.title
        }
    }
}
