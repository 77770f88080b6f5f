//! `#[derive(Decode)]`: implements `avroconv::codec::Decode` for a struct with named fields that also derives
//! serde's `Deserialize`. The generated code reads a record whose writer fields are the struct's, in order, field
//! by field into a struct literal; any other record goes to the serde impl, so both paths give the same results.
//!
//! Field names are the serde names: a field's `#[serde(rename = "...")]` is followed. Serde attributes that change
//! which fields are read or how they are named across the struct (`skip`, `skip_deserializing`, `flatten`,
//! `rename_all`...) are refused at compile time rather than guessed at. `#[serde(with = "serde_bytes")]` reads Avro
//! bytes directly; another `with` or `deserialize_with`, or `#[avroconv(serde)]`, reads that field through serde.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{parse_macro_input, spanned::Spanned, Data, DeriveInput, Error, Fields, LitStr};

#[proc_macro_derive(Decode, attributes(avroconv))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input).unwrap_or_else(Error::into_compile_error).into()
}

/// How one field is read.
enum Read {
    /// Through the field type's own `Decode`.
    Decode,
    /// `serde_bytes`: Avro bytes straight into the field type (`FromBytes`).
    Bytes,
    /// Through a `deserialize` function (`with` / `deserialize_with`).
    With(syn::Path),
    /// Through the field type's serde `Deserialize`.
    Serde,
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let Data::Struct(data) = &input.data else {
        return Err(Error::new(input.span(), "Decode can be derived for structs with named fields only"));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(Error::new(input.span(), "Decode can be derived for structs with named fields only"));
    };
    check_container(input)?;
    let mut names = Vec::new();
    let mut inits = Vec::new();
    for (i, f) in fields.named.iter().enumerate() {
        let ident = f.ident.as_ref().expect("named field");
        let (name, read) = field(f)?;
        let ty = &f.ty;
        // In field order: a struct literal's fields are evaluated as written.
        let read = match read {
            Read::Decode => quote!(fields.at::<#ty>(#i)?),
            Read::Bytes => quote!(fields.bytes_at::<#ty>(#i, |de| ::serde_bytes::deserialize(de))?),
            Read::With(path) => quote!(fields.at_with::<#ty>(#i, |de| #path(de))?),
            Read::Serde => quote!(fields.at_with::<#ty>(#i, |de| <#ty as ::serde::Deserialize>::deserialize(de))?),
        };
        names.push(name);
        inits.push(quote!(#ident: #read));
    }
    let ident = &input.ident;
    let count = names.len();
    // The impl's `'de` must outlive the struct's own lifetimes, as in serde's derive, for borrowed fields.
    let own: Vec<_> = input.generics.lifetimes().map(|l| l.lifetime.clone()).collect();
    let mut generics = input.generics.clone();
    generics.params.insert(0, if own.is_empty() { syn::parse_quote!('de) } else { syn::parse_quote!('de: #(#own)+*) });
    for p in generics.type_params_mut() {
        p.bounds.push(syn::parse_quote!(::avroconv::codec::Decode<'de>));
    }
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let (_, ty_generics, _) = input.generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics ::avroconv::codec::Decode<'de> for #ident #ty_generics #where_clause {
            fn decode(de: ::avroconv::codec::De<'_, '_, 'de>) -> ::core::result::Result<Self, ::avroconv::codec::DecodeError> {
                // A static, not a const: one address, which the plan remembers to skip comparing names next time.
                static FIELDS: [&str; #count] = [#(#names),*];
                de.read_record(&FIELDS, |fields| ::core::result::Result::Ok(#ident { #(#inits),* }))
            }
        }
    })
}

/// Refuses container attributes that would make the serde names differ from the field names read here.
fn check_container(input: &DeriveInput) -> syn::Result<()> {
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let allowed = ["rename", "deny_unknown_fields", "default", "bound", "crate", "expecting"];
            if allowed.iter().any(|a| meta.path.is_ident(a)) {
                skip_value(&meta)
            } else {
                Err(meta.error("Decode does not support this serde container attribute"))
            }
        })?;
    }
    Ok(())
}

/// A field's serde name and how to read it.
fn field(f: &syn::Field) -> syn::Result<(String, Read)> {
    let ident = f.ident.as_ref().expect("named field");
    let mut name = ident.to_string().trim_start_matches("r#").to_owned();
    let mut read = Read::Decode;
    for attr in &f.attrs {
        if attr.path().is_ident("avroconv") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("serde") {
                    read = Read::Serde;
                    Ok(())
                } else {
                    Err(meta.error("unknown avroconv attribute; expected `serde`"))
                }
            })?;
        } else if attr.path().is_ident("serde") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    // `rename = "x"`, or `rename(deserialize = "x")`.
                    if meta.input.peek(syn::Token![=]) {
                        name = meta.value()?.parse::<LitStr>()?.value();
                    } else {
                        meta.parse_nested_meta(|inner| {
                            let v = inner.value()?.parse::<LitStr>()?.value();
                            if inner.path.is_ident("deserialize") {
                                name = v;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                } else if meta.path.is_ident("with") || meta.path.is_ident("deserialize_with") {
                    let path = meta.value()?.parse::<LitStr>()?;
                    read = if path.value() == "serde_bytes" {
                        Read::Bytes
                    } else if meta.path.is_ident("with") {
                        Read::With(syn::parse_str(&format!("{}::deserialize", path.value()))?)
                    } else {
                        Read::With(path.parse()?)
                    };
                    Ok(())
                } else {
                    // Serialize-only attributes and those that only matter when the field is missing (which sends
                    // the record to the serde path) are harmless here.
                    let harmless = ["alias", "default", "borrow", "serialize_with", "skip_serializing", "skip_serializing_if", "bound"];
                    if harmless.iter().any(|a| meta.path.is_ident(a)) {
                        skip_value(&meta)
                    } else {
                        Err(meta.error("Decode does not support this serde field attribute"))
                    }
                }
            })?;
        }
    }
    Ok((name, read))
}

/// Consumes an attribute's `= value` or `(...)`, if any.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip_value(&inner))?;
    }
    Ok(())
}
