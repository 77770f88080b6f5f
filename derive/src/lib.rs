//! `#[derive(Decode)]` and `#[derive(Encode)]`: implement `avroconv::codec::Decode` / `Encode` for a struct with
//! named fields that also derives serde's `Deserialize` / `Serialize`. The generated code reads (writes) a record
//! whose schema fields are the struct's, in order, field by field; any other record goes to the serde impl, so both
//! paths give the same results.
//!
//! Field names are the serde names: a field's `#[serde(rename = "...")]` is followed. Serde attributes that change
//! which fields are read or written, or how they are named across the struct (`skip*`, `flatten`, `rename_all`...),
//! are refused at compile time rather than guessed at. `#[serde(with = "serde_bytes")]` reads Avro bytes directly;
//! another `with`, `deserialize_with` / `serialize_with`, or `#[avroconv(serde)]`, goes through serde for that
//! field.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{parse_macro_input, spanned::Spanned, Data, DeriveInput, Error, Fields, LitStr};

#[proc_macro_derive(Decode, attributes(avroconv))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand_decode(&input).unwrap_or_else(Error::into_compile_error).into()
}

#[proc_macro_derive(Encode, attributes(avroconv))]
pub fn derive_encode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand_encode(&input).unwrap_or_else(Error::into_compile_error).into()
}

/// Which derive: the serde attributes that apply differ.
#[derive(Clone, Copy, PartialEq)]
enum Dir {
    Decode,
    Encode,
}

impl Dir {
    fn name(self) -> &'static str {
        match self {
            Dir::Decode => "Decode",
            Dir::Encode => "Encode",
        }
    }

    /// The serde side this derive follows (`rename(deserialize = ..)`, `deserialize_with`...).
    fn side(self) -> &'static str {
        match self {
            Dir::Decode => "deserialize",
            Dir::Encode => "serialize",
        }
    }
}

/// How one field is read or written.
enum Via {
    /// Through the field type's own `Decode` / `Encode`.
    Own,
    /// `serde_bytes` when decoding: Avro bytes straight into the field type (`FromBytes`).
    Bytes,
    /// Through a serde function (`with`, `deserialize_with` / `serialize_with`).
    With(syn::Path),
    /// Through the field type's serde impl.
    Serde,
}

/// A struct's named fields, after the container's attributes are checked.
fn named_fields(input: &DeriveInput, dir: Dir) -> syn::Result<&syn::FieldsNamed> {
    let message = format!("{} can be derived for structs with named fields only", dir.name());
    let Data::Struct(data) = &input.data else { return Err(Error::new(input.span(), message)) };
    let Fields::Named(fields) = &data.fields else { return Err(Error::new(input.span(), message)) };
    check_container(input, dir)?;
    Ok(fields)
}

fn expand_encode(input: &DeriveInput) -> syn::Result<Tokens> {
    let fields = named_fields(input, Dir::Encode)?;
    let mut names = Vec::new();
    let mut writes = Vec::new();
    for (i, f) in fields.named.iter().enumerate() {
        let ident = f.ident.as_ref().expect("named field");
        let (name, via) = field(f, Dir::Encode)?;
        let ty = &f.ty;
        writes.push(match via {
            Via::Own => quote!(fields.at(#i, &self.#ident)?),
            Via::With(path) => quote!(fields.at_with(#i, |ser| #path(&self.#ident, ser))?),
            Via::Bytes | Via::Serde => quote!(fields.at_with(#i, |ser| <#ty as ::serde::Serialize>::serialize(&self.#ident, ser))?),
        });
        names.push(name);
    }
    let ident = &input.ident;
    let count = names.len();
    let mut generics = input.generics.clone();
    for p in generics.type_params_mut() {
        p.bounds.push(syn::parse_quote!(::avroconv::codec::Encode));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics ::avroconv::codec::Encode for #ident #ty_generics #where_clause {
            fn encode(&self, ser: ::avroconv::codec::Ser<'_, '_>) -> ::core::result::Result<(), ::avroconv::codec::EncodeError> {
                // A static, not a const: one address, which the plan remembers to skip comparing names next time.
                static FIELDS: [&str; #count] = [#(#names),*];
                ser.write_record(self, &FIELDS, |fields| {
                    #(#writes;)*
                    ::core::result::Result::Ok(())
                })
            }
        }
    })
}

fn expand_decode(input: &DeriveInput) -> syn::Result<Tokens> {
    let fields = named_fields(input, Dir::Decode)?;
    let mut names = Vec::new();
    let mut inits = Vec::new();
    for (i, f) in fields.named.iter().enumerate() {
        let ident = f.ident.as_ref().expect("named field");
        let (name, read) = field(f, Dir::Decode)?;
        let ty = &f.ty;
        // In field order: a struct literal's fields are evaluated as written.
        let read = match read {
            Via::Own => quote!(fields.at::<#ty>(#i)?),
            Via::Bytes => quote!(fields.bytes_at::<#ty>(#i, |de| ::serde_bytes::deserialize(de))?),
            Via::With(path) => quote!(fields.at_with::<#ty>(#i, |de| #path(de))?),
            Via::Serde => quote!(fields.at_with::<#ty>(#i, |de| <#ty as ::serde::Deserialize>::deserialize(de))?),
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

/// Refuses container attributes that would make the serde names differ from the field names used here.
fn check_container(input: &DeriveInput, dir: Dir) -> syn::Result<()> {
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let allowed = ["rename", "deny_unknown_fields", "default", "bound", "crate", "expecting"];
            if allowed.iter().any(|a| meta.path.is_ident(a)) {
                skip_value(&meta)
            } else {
                Err(meta.error(format!("{} does not support this serde container attribute", dir.name())))
            }
        })?;
    }
    Ok(())
}

/// A field's serde name and how to read or write it.
fn field(f: &syn::Field, dir: Dir) -> syn::Result<(String, Via)> {
    let ident = f.ident.as_ref().expect("named field");
    let mut name = ident.to_string().trim_start_matches("r#").to_owned();
    let mut via = Via::Own;
    let side_with = format!("{}_with", dir.side());
    // The other side's attributes, and those that only matter when a field is missing on decode (which sends the
    // record to the serde path), are harmless here.
    let harmless: &[&str] = match dir {
        Dir::Decode => &["alias", "default", "borrow", "serialize_with", "skip_serializing", "skip_serializing_if", "bound"],
        Dir::Encode => &["alias", "default", "borrow", "deserialize_with", "skip_deserializing", "bound"],
    };
    for attr in &f.attrs {
        if attr.path().is_ident("avroconv") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("serde") {
                    via = Via::Serde;
                    Ok(())
                } else {
                    Err(meta.error("unknown avroconv attribute; expected `serde`"))
                }
            })?;
        } else if attr.path().is_ident("serde") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    // `rename = "x"`, or `rename(deserialize = "x", serialize = "y")`.
                    if meta.input.peek(syn::Token![=]) {
                        name = meta.value()?.parse::<LitStr>()?.value();
                    } else {
                        meta.parse_nested_meta(|inner| {
                            let v = inner.value()?.parse::<LitStr>()?.value();
                            if inner.path.is_ident(dir.side()) {
                                name = v;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                } else if meta.path.is_ident("with") || meta.path.is_ident(&side_with) {
                    let path = meta.value()?.parse::<LitStr>()?;
                    via = if path.value() == "serde_bytes" && dir == Dir::Decode {
                        Via::Bytes
                    } else if meta.path.is_ident("with") {
                        Via::With(syn::parse_str(&format!("{}::{}", path.value(), dir.side()))?)
                    } else {
                        Via::With(path.parse()?)
                    };
                    Ok(())
                } else if harmless.iter().any(|a| meta.path.is_ident(a)) {
                    skip_value(&meta)
                } else {
                    Err(meta.error(format!("{} does not support this serde field attribute", dir.name())))
                }
            })?;
        }
    }
    Ok((name, via))
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
