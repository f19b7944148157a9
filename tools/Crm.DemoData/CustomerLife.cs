namespace Crm.DemoData;

/// <summary>
/// One customer's three years: a profile, then purchases from the BG/NBD process (a Poisson stream at rate λ that
/// stops for good after any purchase with probability p), baskets whose value follows Gamma-Gamma, returns of some
/// sales, and the contacts around them. Everything comes from the customer's own seeded stream.
/// </summary>
public sealed class CustomerLife
{
    private const int MaxPurchases = 1_000;
    private static readonly double[] DiscountRates = [0.05, 0.10, 0.15, 0.20, 0.25, 0.30];
    private static readonly double[] LineCountWeights = [.. Population.LineCountWeights];
    private static readonly double[] HouseholdSizeWeights = [.. Population.HouseholdSizeWeights];
    private static readonly double[] CountryWeights = [.. Population.Countries.Select(country => country.Weight)];

    private readonly DemoDataSettings _settings;
    private readonly Catalogue _catalogue;
    private readonly Sampler _sampler;
    private readonly DateTime _start;
    private readonly double _days;
    private readonly double[] _categoryAffinity;
    private readonly string _primaryChannel;
    private readonly double _weeklyRate;
    private readonly double _dropout;
    private readonly double _meanSpendRate;

    public CustomerLife(DemoDataSettings settings, Catalogue catalogue, int number)
    {
        _settings = settings;
        _catalogue = catalogue;
        _sampler = new Sampler(Sampler.DeriveSeed(settings.Seed, number));
        var firstDay = settings.EndDate.AddYears(-settings.Years).AddDays(1);
        _start = firstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        _days = settings.EndDate.DayNumber - firstDay.DayNumber + 1;

        // A growing business: half the customers arrive uniformly, half with a density rising towards today.
        var arrival = _sampler.Chance(0.5) ? _sampler.Uniform() : Math.Max(_sampler.Uniform(), _sampler.Uniform());
        FirstPurchase = arrival * _days;

        var age = Math.Clamp(44 + (15 * _sampler.Normal()), 18, 92);
        _primaryChannel = PickChannel(age);
        _weeklyRate = Math.Clamp(_sampler.Gamma(settings.R, settings.Alpha), 1e-6, settings.MaxWeeklyRate);
        _dropout = _sampler.Beta(settings.A, settings.B);
        _meanSpendRate = _sampler.Gamma(settings.SpendQ, settings.SpendGamma);
        _categoryAffinity = Catalogue.Categories.Select(category => category.Weight * _sampler.Gamma(0.7, 1)).ToArray();
        Customer = CreateProfile(number, age);
    }

    public DemoCustomer Customer { get; }

    /// <summary>Days after the start of the window.</summary>
    public double FirstPurchase { get; }

    /// <summary>When the customer stopped buying for good (days after the start), or null if still active at the end.</summary>
    public double? DroppedOutAt { get; private set; }

    /// <summary>Sales and returns in time order (a return always after its sale).</summary>
    public List<DemoTransaction> Transactions { get; } = [];

    public List<DemoInteraction> Interactions { get; } = [];

    public void Live()
    {
        var purchases = PurchaseTimes();
        var sales = new List<DemoTransaction>(purchases.Count);
        var returns = new List<DemoTransaction>();
        for (var i = 0; i < purchases.Count; i++)
        {
            var sale = Sale($"{Customer.ExternalId}-t{i + 1:0000}", purchases[i]);
            sales.Add(sale);
            AroundSale(sale);
            if (Return(sale) is { } returned)
            {
                returns.Add(returned);
                if (_sampler.Chance(0.4))
                {
                    Service(returned.OccurredAt, "serviceTicket");
                }
            }
        }

        Browsing();
        Emails();
        Transactions.AddRange(sales.Concat(returns).OrderBy(t => t.OccurredAt).ThenBy(t => t.IsReturn));
        Interactions.Sort((x, y) => x.OccurredAt.CompareTo(y.OccurredAt));
    }

    private List<double> PurchaseTimes()
    {
        var times = new List<double> { FirstPurchase };
        var t = FirstPurchase;
        while (times.Count < MaxPurchases)
        {
            if (_sampler.Chance(_dropout))
            {
                DroppedOutAt = t;
                break;
            }

            t += 7 * _sampler.Exponential(_weeklyRate);
            if (t >= _days)
            {
                break;
            }

            times.Add(t);
        }

        return times;
    }

    private DemoTransaction Sale(string id, double time)
    {
        var channel = _sampler.Chance(0.7) ? _primaryChannel : PickChannel(44);
        var at = At(Math.Floor(time), channel);
        var spend = Math.Min(_sampler.Gamma(_settings.SpendP, _meanSpendRate), 4_000);
        var lineCount = 1 + _sampler.Pick(LineCountWeights);
        var shares = new double[lineCount];
        for (var i = 0; i < lineCount; i++)
        {
            shares[i] = _sampler.Gamma(1.5, 1);
        }

        var totalShares = shares.Sum();

        var discountRate = _sampler.Chance(_settings.DiscountRate * (channel is "web" or "app" ? 1.5 : 0.8))
            ? DiscountRates[_sampler.Next(0, DiscountRates.Length)]
            : 0;
        var lines = new List<DemoLine>(lineCount);
        foreach (var share in shares)
        {
            var target = spend * share / totalShares;
            var category = _sampler.Pick(_categoryAffinity);
            var product = _catalogue.Near(category, target, _sampler);
            var quantity = Math.Clamp((int)Math.Round(target / (double)product.UnitPrice), 1, product.Category.MaxQuantity);
            var gross = quantity * product.UnitPrice;
            var discount = decimal.Round(gross * (decimal)discountRate, 2, MidpointRounding.AwayFromZero);
            var allowance = _sampler.Chance(_settings.AllowanceRate)
                ? decimal.Round((gross - discount) * (decimal)_sampler.Uniform(0.1, 0.5), 2, MidpointRounding.ToZero)
                : 0;
            lines.Add(new DemoLine(product, quantity, discount, allowance));
        }

        return new DemoTransaction(id, at, channel, lines);
    }

    private DemoTransaction? Return(DemoTransaction sale)
    {
        var factor = sale.Channel switch { "web" => 1.6, "app" => 1.3, "store" => 0.6, _ => 1.0 };
        if (!_sampler.Chance(_settings.ReturnRate * factor))
        {
            return null;
        }

        var at = sale.OccurredAt.AddDays(1 + Math.Min(_sampler.Exponential(1.0 / 6), 27)).AddMinutes(_sampler.Next(0, 600));
        var channel = sale.Channel is "web" or "app" && _sampler.Chance(0.25) ? "store" : sale.Channel;
        var kept = _sampler.Next(0, sale.Lines.Count);
        var lines = new List<DemoLine>();
        for (var i = 0; i < sale.Lines.Count; i++)
        {
            var line = sale.Lines[i];
            if (i != kept && !_sampler.Chance(0.6))
            {
                continue;
            }

            var quantity = line.Quantity == 1 || _sampler.Chance(0.6) ? line.Quantity : _sampler.Next(1, line.Quantity);
            var discount = decimal.Round(line.Discount * quantity / line.Quantity, 2, MidpointRounding.ToZero);
            lines.Add(new DemoLine(line.Product, quantity, discount, 0));
        }

        return at < End ? new DemoTransaction($"{sale.Id}-r", at, channel, lines, sale.Id) : null;
    }

    private DateTime End => _start.AddDays(_days);

    /// <summary>Online purchases follow a browsing session; some sales need service afterwards.</summary>
    private void AroundSale(DemoTransaction sale)
    {
        if (sale.Channel is "web" or "app")
        {
            Session(sale.OccurredAt.AddMinutes(-_sampler.Next(2, 45)), sale.Channel);
        }
        else if (sale.Channel == "store" && _sampler.Chance(0.15))
        {
            Interactions.Add(new(sale.OccurredAt.AddMinutes(-_sampler.Next(1, 30)), "store", "storeVisit", null));
        }

        var roll = _sampler.Uniform();
        if (roll < 0.05)
        {
            Service(sale.OccurredAt, "serviceTicket");
        }
        else if (roll < 0.08)
        {
            Service(sale.OccurredAt, "call");
        }
        else if (roll < 0.10)
        {
            Service(sale.OccurredAt, "chat");
        }
    }

    private void Service(DateTime after, string type)
    {
        var at = after.AddHours(1 + _sampler.Exponential(1.0 / 60));
        if (at >= End)
        {
            return;
        }

        var (channel, cost) = type switch
        {
            "call" => ("phone", _sampler.Uniform(3.5, 9)),
            "chat" => (_sampler.Chance(0.6) ? "web" : "app", _sampler.Uniform(1.2, 3)),
            _ => (_sampler.Pick<string>(["email", "web", "phone"]), _sampler.Uniform(6, 18)),
        };
        Interactions.Add(new(at, channel, type, decimal.Round((decimal)cost, 2)));
    }

    /// <summary>Visits without a purchase, while the customer is still active: online sessions or store visits.</summary>
    private void Browsing()
    {
        var online = _primaryChannel is "web" or "app";
        var rate = _weeklyRate * (online ? 0.6 : 0.25) / 7;
        var end = Math.Min(DroppedOutAt ?? _days, _days);
        var t = FirstPurchase;
        for (var visits = 0; visits < 2 * MaxPurchases; visits++)
        {
            t += _sampler.Exponential(rate);
            if (t >= end)
            {
                return;
            }

            var channel = online ? _primaryChannel : _sampler.Chance(0.5) ? "store" : "web";
            var at = At(Math.Floor(t), channel);
            if (channel == "store")
            {
                Interactions.Add(new(at, "store", "storeVisit", null));
            }
            else
            {
                Session(at, channel);
            }
        }
    }

    private void Session(DateTime start, string channel)
    {
        var pages = 1 + _sampler.Poisson(1.2);
        var at = start;
        for (var i = 0; i < pages; i++)
        {
            Interactions.Add(new(at, channel, "pageView", null));
            at = at.AddSeconds(_sampler.Next(10, 240));
        }

        if (_sampler.Chance(0.3))
        {
            Interactions.Add(new(at, channel, "click", null));
        }
    }

    /// <summary>A fortnightly newsletter to those who agreed to email marketing; active customers open more of them.</summary>
    private void Emails()
    {
        if (!Customer.HasConsent("email", "marketing"))
        {
            return;
        }

        var firstSend = 3 + (14 * Math.Ceiling((FirstPurchase - 3) / 14));
        for (var day = firstSend; day < _days; day += 14)
        {
            var active = DroppedOutAt is not { } dropped || day < dropped;
            if (!_sampler.Chance(active ? 0.28 : 0.06))
            {
                continue;
            }

            var opened = _start.AddDays(day).AddHours(7 + Math.Min(_sampler.Exponential(1.0 / 5), 16.5));
            Interactions.Add(new(opened, "email", "emailOpened", null));
            if (_sampler.Chance(0.22))
            {
                Interactions.Add(new(opened.AddSeconds(_sampler.Next(5, 300)), "email", "emailClicked", null));
            }
        }
    }

    /// <summary>A time on the given day when the channel is open (shops by day, online mostly in the evening).</summary>
    private DateTime At(double day, string channel)
    {
        var hour = channel switch
        {
            "store" => _sampler.Uniform(9, 20),
            "phone" => _sampler.Uniform(8, 18),
            "partner" or "mail" => _sampler.Uniform(8, 21),
            _ => _sampler.Chance(0.6) ? _sampler.Uniform(18, 23.9) : _sampler.Uniform(6, 23.9),
        };
        return _start.AddDays(day).AddSeconds(Math.Floor(hour * 3600));
    }

    private string PickChannel(double age)
    {
        var channels = Population.SalesChannels;
        Span<double> weights = stackalloc double[channels.Count];
        for (var i = 0; i < channels.Count; i++)
        {
            weights[i] = channels[i].Weight * (channels[i].Code, age) switch
            {
                ("app", < 35) => 2.2,
                ("web", < 35) => 1.3,
                ("store", < 35) => 0.7,
                ("app", > 60) => 0.3,
                ("store", > 60) => 1.4,
                ("phone", > 60) => 2.5,
                _ => 1.0,
            };
        }

        return channels[_sampler.Pick(weights)].Code;
    }

    private DemoCustomer CreateProfile(int number, double age)
    {
        var first = _sampler.Pick(Population.FirstNames);
        var last = _sampler.Pick(Population.LastNames);
        var country = Population.Countries[_sampler.Pick(CountryWeights)];
        var hasEmail = _sampler.Chance(0.92);
        var email = hasEmail
            ? $"{first.ToLowerInvariant()}.{last.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.{number}@{_sampler.Pick(Population.EmailDomains)}"
            : null;
        var hasPhone = _sampler.Chance(0.65);
        var phone = hasPhone ? $"+{country.DiallingCode} {_sampler.Next(150, 180)} {_sampler.Next(1_000_000, 10_000_000)}" : null;

        var customerSince = DateOnly.FromDateTime(_start.AddDays(Math.Floor(FirstPurchase)));
        var birthDate = _sampler.Chance(0.85)
            ? _settings.EndDate.AddYears(-(int)age).AddDays(-_sampler.Next(0, 365))
            : (DateOnly?)null;
        var householdSize = _sampler.Chance(0.7) ? 1 + _sampler.Pick(HouseholdSizeWeights) : (int?)null;
        var region = _sampler.Chance(0.85) ? _sampler.Pick(country.Regions) : null;

        var sources = Population.AcquisitionSources;
        var sourceWeights = sources.Select(s => s.Weight * (s.Code, _primaryChannel) switch
        {
            ("store", "store") => 3.0,
            ("partner", "partner") => 4.0,
            ("social", "app") => 1.5,
            _ => 1.0,
        });
        var source = sources[_sampler.Pick(sourceWeights.ToArray())].Code;
        var note = _sampler.Chance(source == "other" ? 0.6 : 0.04) ? _sampler.Pick(Population.AcquisitionNotes) : null;

        return new DemoCustomer(number, DemoCustomer.ExternalIdOf(number), $"{first} {last}", email, phone, birthDate, householdSize,
            country.Code, region, source, note, customerSince, Consents(hasEmail, hasPhone));
    }

    /// <summary>Most customers agree to service email; fewer to marketing, fewer still on the phone.</summary>
    private List<string> Consents(bool hasEmail, bool hasPhone)
    {
        var consents = new List<string>();
        var appUser = _primaryChannel == "app";
        void Maybe(bool eligible, double probability, string consent)
        {
            // Draw first, whatever the eligibility: every customer consumes the same number of draws here.
            if (_sampler.Chance(probability) && eligible)
            {
                consents.Add(consent);
            }
        }

        Maybe(hasEmail, 0.88, "email:service");
        Maybe(hasEmail, 0.45, "email:marketing");
        Maybe(hasEmail, 0.30, "email:surveys");
        Maybe(hasPhone, 0.35, "sms:service");
        Maybe(hasPhone, 0.12, "sms:marketing");
        Maybe(hasPhone, 0.40, "phone:service");
        Maybe(hasPhone, 0.06, "phone:marketing");
        Maybe(true, 0.50, "postalMail:service");
        Maybe(true, 0.18, "postalMail:marketing");
        Maybe(true, appUser ? 0.70 : 0.05, "push:service");
        Maybe(true, appUser ? 0.40 : 0.03, "push:marketing");
        return consents;
    }
}
