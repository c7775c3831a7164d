import RoleLayerCore

/// Everything one HTML page shows, independent of the construct result types: the report's own
/// input. ``HTMLReport`` maps analysis results into it; ``ReportPage/render(_:)`` turns it into the
/// self-contained page.
public struct ReportModel: Sendable, Hashable {
    /// Page title (the `<title>` and the `<h1>`).
    public var title: String
    /// A line under the title (cohort, wave).
    public var subtitle: String?
    /// A prominent notice that the page identifies roles in one organisation; `nil` for cohort reports.
    public var identifyingNotice: IdentifyingNotice?
    /// The overview block: key facts as label/value pairs (cohort, waves, respondents, …).
    public var overview: [Fact]
    /// Headline sentences under the overview (the most important findings of the page).
    public var headlines: [String]
    /// One section per construct, in page order.
    public var sections: [ReportSection]
    /// The methods section (definitions, thresholds, suppression counts).
    public var methods: ReportSection?
    /// Small print at the foot of the page (tool version, settings digest). No dates are added by
    /// the renderer, so the same model gives the same bytes.
    public var footer: String?

    public init(title: String, subtitle: String? = nil, identifyingNotice: IdentifyingNotice? = nil, overview: [Fact] = [],
                headlines: [String] = [], sections: [ReportSection] = [], methods: ReportSection? = nil, footer: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.identifyingNotice = identifyingNotice
        self.overview = overview
        self.headlines = headlines
        self.sections = sections
        self.methods = methods
        self.footer = footer
    }
}

/// A label and its value, as text (already formatted).
public struct Fact: Sendable, Hashable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// The banner of a page that identifies roles in one organisation.
public struct IdentifyingNotice: Sendable, Hashable {
    /// Short heading, for example "Identifies roles in Organisation 0042".
    public var heading: String
    /// Who the page is for and how to handle it.
    public var text: String
    public init(heading: String, text: String) {
        self.heading = heading
        self.text = text
    }
}

/// One `<section>` of the page: a title, plain-language findings, figures, tables and notes.
public struct ReportSection: Sendable, Hashable {
    /// Fragment identifier (letters, digits and "-"), unique in the page.
    public var id: String
    /// Section heading.
    public var title: String
    /// One sentence under the heading on what the section measures.
    public var lead: String?
    /// Plain-language findings generated from the numbers, most important first.
    public var findings: [String]
    /// Charts with captions.
    public var figures: [ReportFigure]
    /// Tables of the numbers.
    public var tables: [ReportTable]
    /// Term and definition pairs (used by the methods section).
    public var definitions: [Fact]
    /// Notes in small print (why a figure is missing, caveats).
    public var notes: [String]

    public init(id: String, title: String, lead: String? = nil, findings: [String] = [], figures: [ReportFigure] = [],
                tables: [ReportTable] = [], definitions: [Fact] = [], notes: [String] = []) {
        self.id = id
        self.title = title
        self.lead = lead
        self.findings = findings
        self.figures = figures
        self.tables = tables
        self.definitions = definitions
        self.notes = notes
    }
}

/// A chart and its caption.
public struct ReportFigure: Sendable, Hashable {
    public var chart: ChartSpec
    /// Caption under the chart (plain text).
    public var caption: String
    public init(_ chart: ChartSpec, caption: String) {
        self.chart = chart
        self.caption = caption
    }
}

/// A table of numbers. Numeric cells keep the full-precision value in a `data-value` attribute
/// beside the rounded text, so the page can be checked against the result values.
public struct ReportTable: Sendable, Hashable {
    /// One column heading.
    public struct Column: Sendable, Hashable {
        public var title: String
        /// Right-aligned numbers.
        public var numeric: Bool
        public init(_ title: String, numeric: Bool = true) {
            self.title = title
            self.numeric = numeric
        }
    }

    /// One cell.
    public enum Cell: Sendable, Hashable {
        /// Text (a label).
        case text(String)
        /// A number written in `style`.
        case number(Double, NumberStyle)
        /// An interval "lower to upper" written in `style`.
        case interval(Double, Double, NumberStyle)
        /// Suppressed by the anonymity rule: hatched, "n < k".
        case suppressed
        /// Not available, with the reason (shown as "—" with the reason as a tooltip).
        case notAvailable(String)
        /// Nothing (an empty cell).
        case empty

        /// A number; or suppressed when `reason` is ``AnonymityRule/suppressedReason``; otherwise not
        /// available with `reason`.
        public static func value(_ v: Double?, _ style: NumberStyle, reason: String? = nil) -> Cell {
            if let v, v.isFinite { return .number(v, style) }
            if reason == AnonymityRule.suppressedReason { return .suppressed }
            return .notAvailable(reason ?? "not available")
        }
    }

    /// Caption above the table.
    public var caption: String
    public var columns: [Column]
    /// Rows of cells (each as long as ``columns``).
    public var rows: [[Cell]]

    public init(caption: String, columns: [Column], rows: [[Cell]]) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
    }
}
