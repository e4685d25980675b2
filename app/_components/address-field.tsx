/** A web address to fetch (a feed, a news page), with its hint below; the server checks it again. */
export function AddressField({ id, label, hint }: { id: string; label: string; hint: string }) {
  return (
    <>
      <label>
        {label}
        <input
          name="url"
          type="url"
          required
          maxLength={2000}
          placeholder="https://"
          aria-describedby={`${id}-hint`}
        />
      </label>
      <p id={`${id}-hint`} className="muted">
        {hint}
      </p>
    </>
  );
}
