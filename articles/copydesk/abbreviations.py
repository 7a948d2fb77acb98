"""The abbreviations the copy desk knows, and where a capital after one is right.

Maintained by hand: add an abbreviation to the list it belongs to, and a
name or phrase to EXCEPTIONS when the desk flags something that is right.
Each entry is written as it appears in copy, full stops included.
"""

# Titles stand before a name and never end a sentence: "Dr. Has" is always a
# slip, "Dr. Haddad" never is.
TITLES = {
    "Dr.", "Gov.", "Mr.", "Mrs.", "Ms.", "Sen.", "Rep.", "Gen.", "Col.", "Lt.",
    "Sgt.", "Capt.", "Cmdr.", "Adm.", "Maj.", "Prof.", "Rev.", "Pres.", "Supt.",
    "Det.", "Amb.", "Atty.", "Insp.", "Cpl.", "Pvt.", "Gov.-elect", "Rt.",
}  # fmt: skip

# Abbreviations that may end a sentence: "...flew to the U.S. The talks..."
# is two sentences, so a capital after one is a slip only when the next word
# cannot start a sentence here (see FLAGGED_WORDS).
SENTENCE_FINAL = {
    "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "U.A.E.", "D.C.", "N.Y.", "L.A.",
    "a.m.", "p.m.", "Inc.", "Ltd.", "Co.", "Corp.", "Bros.", "Jr.", "Sr.",
    "etc.", "vs.", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
}  # fmt: skip

# Capitalised, these words after an abbreviation mean a capitaliser took its
# full stop for the end of a sentence: "U.S. And Iran", "U.S. Has".
CONJUNCTIONS = {"And", "Or", "Nor"}
VERBS = {
    "Has", "Have", "Had", "Is", "Are", "Was", "Were", "Will", "Would", "Could",
    "Should", "Can", "May", "Might", "Must", "Did", "Does", "Says", "Said",
    "Wants", "Wanted", "Plans", "Planned", "Warns", "Warned", "Told", "Tells",
    "Announced", "Announces", "Agreed", "Agrees", "Accused", "Accuses", "Denied",
    "Denies", "Insists", "Insisted", "Claims", "Claimed", "Added", "Adds",
    "Urged", "Urges", "Hopes", "Hoped", "Believes", "Believed", "Remains",
    "Remained", "Seems", "Seemed", "Continues", "Continued", "Withdrew",
    "Imposed", "Launched", "Struck", "Signed", "Rejected", "Refused",
}  # fmt: skip
FLAGGED_WORDS = CONJUNCTIONS | VERBS
# After a title, a name is due: articles and prepositions are slips too.
FLAGGED_AFTER_TITLES = FLAGGED_WORDS | {
    "The", "A", "An", "Of", "In", "On", "At", "To", "For", "With", "From", "By",
    "But",
}  # fmt: skip

# Exceptions. Words above that are also names: right after a title they are
# the name ("Dr. Will Hughes", "Prof. Said", "Mrs. May", "Dr. Can Dündar").
NAMES_AFTER_TITLES = {"Will", "Said", "May", "Can", "Hopes", "Case", "Grant"}
# Whole phrases where the capital is right: titles of works, fixed names.
EXCEPTIONS = {
    "Mr. And Mrs.",  # "Mr. And Mrs. Smith", a film's title
    "Dr. And Mrs.",  # the way some invitations and obituaries name a couple
    "Rev. And Mrs.",
}
