using Depwatch.Server.Caching;

namespace Depwatch.Server.Web.SignIn;

/// <summary>
/// The sign-in limits kept in this instance's memory: failures per client address (each further failure past a few
/// doubles the wait), the lock of user names that do not exist (so that they answer as existing users do), and the
/// attempts fresh addresses may make at a locked user. Every map is bounded.
/// </summary>
internal sealed class SignInThrottle
{
    /// <summary>Wrong passwords in a row that lock a user.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>Failures an address may have before it must wait.</summary>
    public const int FreeAddressFailures = 10;

    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(5);

    /// <summary>How old a user's lock must be before a fresh address may try it, and how often after that.</summary>
    public static readonly TimeSpan FreshAddressInterval = TimeSpan.FromMinutes(1);

    /// <summary>The wait after the first failure past <see cref="FreeAddressFailures"/>; it doubles with each further one.</summary>
    public static readonly TimeSpan FirstAddressWait = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan LongestAddressWait = TimeSpan.FromHours(1);

    /// <summary>An address without a failure for this long starts again from nothing.</summary>
    public static readonly TimeSpan AddressMemory = TimeSpan.FromHours(24);

    private const int MaxAddresses = 100_000;
    private const int MaxNames = 100_000;

    private readonly BoundedCache<string, AddressRecord> _addresses = new(MaxAddresses);
    private readonly BoundedCache<string, UnknownUser> _unknownUsers = new(MaxNames);
    private readonly BoundedCache<string, FreshAttempt> _freshAttempts = new(MaxNames);

    /// <summary>
    /// Counts an attempt from the address before its password is checked, so that parallel attempts cannot pass
    /// together; false (with the time it may try again) while the address must wait.
    /// </summary>
    /// <param name="fresh">Whether the address had no failure to its name before this attempt.</param>
    public bool TryClaimAddress(string address, DateTimeOffset now, out DateTimeOffset waitUntil, out bool fresh)
    {
        DateTimeOffset? until = null;
        var before = 0;
        _addresses.Update(address, record =>
        {
            var current = record is not null && now - record.LastAttempt < AddressMemory ? record : new AddressRecord(0, now);
            before = current.Failures;
            until = current.WaitUntil();
            return until > now ? current : new AddressRecord(current.Failures + 1, now);
        });
        waitUntil = until ?? now;
        fresh = before == 0;
        return !(until > now);
    }

    /// <summary>Takes back an attempt that was not a failure: the right password, or one refused without being checked.</summary>
    public void ReleaseAddress(string address) =>
        _addresses.Update(address, record => record is null ? new AddressRecord(0, DateTimeOffset.MinValue) : record with { Failures = Math.Max(0, record.Failures - 1) });

    /// <summary>As the database does for a user, for a name no user has: counts the attempt unless the name is locked.</summary>
    public bool TryClaimUnknownUser(string userName, DateTimeOffset now)
    {
        var claimed = false;
        _unknownUsers.Update(userName, state =>
        {
            state ??= new UnknownUser(0, null);
            if (state.LockedUntil > now)
            {
                return state;
            }
            claimed = true;
            return state.Failures + 1 >= MaxFailedSignIns ? new UnknownUser(0, now + LockDuration) : new UnknownUser(state.Failures + 1, null);
        });
        return claimed;
    }

    public DateTimeOffset? UnknownUserLockedUntil(string userName) => _unknownUsers.TryGet(userName, out var state) ? state.LockedUntil : null;

    /// <summary>
    /// Whether an attempt at a locked user from a fresh address may be checked: once the lock is
    /// <see cref="FreshAddressInterval"/> old, one such attempt per interval, so that someone who keeps a user locked
    /// from a few addresses cannot keep its owner out.
    /// </summary>
    public bool TryTakeFreshAttempt(string userName, DateTimeOffset lockedUntil, DateTimeOffset now)
    {
        if (now < lockedUntil - LockDuration + FreshAddressInterval)
        {
            return false;
        }
        var taken = false;
        _freshAttempts.Update(userName, last =>
        {
            if (last is not null && now - last.At < FreshAddressInterval)
            {
                return last;
            }
            taken = true;
            return new FreshAttempt(now);
        });
        return taken;
    }

    private sealed record AddressRecord(int Failures, DateTimeOffset LastAttempt)
    {
        public DateTimeOffset? WaitUntil()
        {
            if (Failures < FreeAddressFailures)
            {
                return null;
            }
            var doublings = Math.Min(Failures - FreeAddressFailures, 16);
            var wait = TimeSpan.FromTicks(Math.Min(FirstAddressWait.Ticks << doublings, LongestAddressWait.Ticks));
            return LastAttempt + wait;
        }
    }

    private sealed record UnknownUser(int Failures, DateTimeOffset? LockedUntil);

    private sealed record FreshAttempt(DateTimeOffset At);
}
