/// The conventions of a LimeSurvey CSV export ("Export responses", CSV, question codes as
/// headings, answer codes or full answers):
///
/// - UTF-8, often with a byte-order mark; the delimiter is `;` or `,` (sniffed from the header
///   like canonical CSV) and every field is quoted (``CSVTokenizer`` reads both);
/// - one header row of codes: `id`, `submitdate`, `lastpage`, `startlanguage`, `seed`, then the
///   question codes; a multiple-choice question `G01Q03` is one column per sub-question,
///   `G01Q03[SQ001]`, holding `Y` when selected and nothing otherwise (`N` in some exports);
///   its `[other]` column holds the text typed for "Other", and `[SQ001comment]` columns the
///   comments of a multiple-choice-with-comments question;
/// - an incomplete response has an empty `submitdate`. It is left out by default and counted
///   under ``MappingFile/incompleteFilterName``; `include_incomplete: true` keeps it.
///
/// The reading itself is the shared ``MappedCSVReader``; this type holds what is LimeSurvey's own.
enum LimeSurveyExport {
    /// The column that is empty for incomplete responses.
    static let submitDateColumn = "submitdate"

    /// The sub-question holds free text rather than a selected marker (`other`).
    static func isFreeTextChoice(_ sub: String) -> Bool {
        sub.lowercased() == "other"
    }

    /// The column holds a comment on a choice (`SQ001comment`, `othercomment`), not a choice.
    static func isCommentColumn(_ sub: String) -> Bool {
        sub.lowercased().hasSuffix("comment")
    }
}
