namespace Crm.DemoData;

/// <summary>The vocabularies and weights customers are drawn from.</summary>
public static class Population
{
    public static IReadOnlyList<Country> Countries { get; } =
    [
        new("DE", 34, "49", ["Bavaria", "Berlin", "Hamburg", "Hesse", "North Rhine-Westphalia", "Baden-Wuerttemberg", "Saxony", "Lower Saxony"]),
        new("FR", 10, "33", ["Ile-de-France", "Auvergne-Rhone-Alpes", "Occitanie", "Nouvelle-Aquitaine", "Grand Est"]),
        new("AT", 9, "43", ["Vienna", "Tyrol", "Styria", "Upper Austria", "Salzburg"]),
        new("NL", 8, "31", ["North Holland", "South Holland", "Utrecht", "North Brabant", "Gelderland"]),
        new("CH", 7, "41", ["Zurich", "Bern", "Geneva", "Basel-Stadt", "Vaud"]),
        new("IT", 7, "39", ["Lombardy", "Lazio", "Piedmont", "Veneto", "Tuscany"]),
        new("ES", 6, "34", ["Madrid", "Catalonia", "Andalusia", "Valencia", "Basque Country"]),
        new("BE", 4, "32", ["Flanders", "Wallonia", "Brussels"]),
        new("PL", 4, "48", ["Masovia", "Lesser Poland", "Silesia", "Pomerania"]),
        new("GB", 4, "44", ["England", "Scotland", "Wales", "Northern Ireland"]),
        new("SE", 3, "46", ["Stockholm", "Vastra Gotaland", "Skane"]),
        new("DK", 2, "45", ["Capital Region", "Central Jutland", "Zealand"]),
        new("US", 2, "1", ["California", "New York", "Texas", "Illinois"]),
    ];

    public static IReadOnlyList<string> FirstNames { get; } =
    [
        "Anna", "Emma", "Mia", "Sophie", "Laura", "Lea", "Hannah", "Clara", "Julia", "Marie", "Lena", "Sara", "Eva", "Nina",
        "Chloe", "Camille", "Giulia", "Lucia", "Elena", "Ingrid", "Maja", "Zofia", "Olivia", "Amelia", "Grace", "Isabel",
        "Lukas", "Leon", "Felix", "Paul", "Jonas", "Max", "Noah", "Elias", "David", "Tim", "Jan", "Thomas", "Michael",
        "Stefan", "Lucas", "Hugo", "Louis", "Marco", "Luca", "Pablo", "Javier", "Pieter", "Daan", "Lars", "Erik", "Piotr",
        "Jakub", "Oliver", "George", "Harry", "James", "Daniel", "Samuel", "Martin",
    ];

    public static IReadOnlyList<string> LastNames { get; } =
    [
        "Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch",
        "Richter", "Klein", "Wolf", "Neumann", "Huber", "Gruber", "Bauer", "Martin", "Bernard", "Dubois", "Laurent",
        "Moreau", "Rossi", "Russo", "Ferrari", "Bianchi", "Garcia", "Fernandez", "Lopez", "Martinez", "de Vries",
        "Jansen", "Bakker", "Visser", "Peeters", "Janssens", "Nowak", "Kowalski", "Wisniewski", "Smith", "Jones",
        "Taylor", "Brown", "Williams", "Johansson", "Andersson", "Nielsen", "Hansen", "Keller", "Frei", "Brunner",
        "Novak", "Horvat", "Silva", "Costa", "Berger", "Vogel", "Lang", "Roth",
    ];

    public static IReadOnlyList<string> EmailDomains { get; } = ["example.com", "example.org", "example.net"];

    /// <summary>The managed acquisition sources and their shares of new customers.</summary>
    public static IReadOnlyList<(string Code, double Weight)> AcquisitionSources { get; } =
    [
        ("search", 24), ("social", 16), ("referral", 14), ("advertising", 12), ("email", 7), ("store", 14),
        ("partner", 6), ("event", 3), ("other", 4),
    ];

    public static IReadOnlyList<string> AcquisitionNotes { get; } =
    [
        "Recommended by a colleague", "Saw the shop window", "Heard an ad on a podcast", "Newsletter of a partner shop",
        "Christmas market stall", "Gift card from a friend", "Found you on a price comparison site", "Flyer in the mailbox",
        "Trade fair booth", "Influencer video",
    ];

    /// <summary>Sales channels and the share of customers who mostly buy there.</summary>
    public static IReadOnlyList<(string Code, double Weight)> SalesChannels { get; } =
    [
        ("store", 42), ("web", 30), ("app", 16), ("phone", 4), ("partner", 6), ("mail", 2),
    ];

    /// <summary>Household sizes 1–6 and their shares (roughly a European census).</summary>
    public static IReadOnlyList<double> HouseholdSizeWeights { get; } = [28, 34, 16, 14, 6, 2];

    /// <summary>How many lines a basket has (1–5).</summary>
    public static IReadOnlyList<double> LineCountWeights { get; } = [30, 26, 20, 14, 10];
}
