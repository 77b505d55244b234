//! A serde serializer into Python objects: maps and structs become dicts, sequences lists,
//! strings `str`, integers `int`, `None` for none and unit, as `json.loads` of the same value's
//! JSON would give. The record's shape is its serde definition; this only writes it out.
//!
//! Field names and map keys repeat from one record to the next, so each is made into a Python
//! string once per [`Keys`] and shared: that spares building and hashing a new key string for
//! every entry of every dict.

use std::cell::RefCell;
use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;
use serde::ser::{self, Serialize};

/// Why a value could not be written: a Python error, or serde's.
#[derive(Debug)]
pub(crate) enum Error {
    /// Python raised.
    Python(PyErr),
    /// The value's `Serialize` failed.
    Custom(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Python(e) => e.fmt(f),
            Error::Custom(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::Custom(msg.to_string())
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error::Python(e)
    }
}

impl From<Error> for PyErr {
    fn from(e: Error) -> Self {
        match e {
            Error::Python(e) => e,
            Error::Custom(message) => pyo3::exceptions::PyValueError::new_err(message),
        }
    }
}

/// The Python strings of the keys written so far, to share among the dicts.
///
/// Keys are nearly always the field names of the record's types, `&'static str` that come back
/// with the same address every time, so a key's slot is picked by its address (no hashing of its
/// text) and the entry there is checked against its text, which a key at a reused address would
/// not match; a key that finds its slot and the next few taken by others is made anew.
pub(crate) struct Keys<'py> {
    py: Python<'py>,
    slots: RefCell<Vec<Option<Key<'py>>>>,
}

/// One cached key: where its text was, the text, and its Python string.
struct Key<'py> {
    address: usize,
    text: Box<str>,
    string: Bound<'py, PyString>,
}

/// How many slots the cache has (a record has about twenty keys).
const SLOTS: usize = 128;

/// How many slots from its own a key may take when its own is taken.
const PROBES: usize = 4;

impl<'py> Keys<'py> {
    /// An empty cache.
    pub(crate) fn new(py: Python<'py>) -> Self {
        Self {
            py,
            slots: RefCell::new((0..SLOTS).map(|_| None).collect()),
        }
    }

    /// The Python string of `key`, made on first use.
    fn get(&self, key: &str) -> Bound<'py, PyString> {
        let address = key.as_ptr() as usize;
        // Field names lie a few bytes apart: mix the address's low bits.
        let slot = (address ^ (address >> 7) ^ key.len().wrapping_mul(31)) % SLOTS;
        let mut slots = self.slots.borrow_mut();
        for probe in 0..PROBES {
            let entry = &mut slots[(slot + probe) % SLOTS];
            match entry {
                Some(cached) if cached.address == address && *cached.text == *key => return cached.string.clone(),
                Some(_) => {}
                None => {
                    let string = PyString::new(self.py, key);
                    *entry = Some(Key {
                        address,
                        text: key.into(),
                        string: string.clone(),
                    });
                    return string;
                }
            }
        }
        PyString::new(self.py, key)
    }

    /// `value` as a Python object.
    pub(crate) fn to_python<T: Serialize + ?Sized>(&self, value: &T) -> Result<Bound<'py, PyAny>, Error> {
        value.serialize(ToPython { keys: self, key: false })
    }
}

/// The serializer: writes one value, a key when `key` is set.
#[derive(Clone, Copy)]
struct ToPython<'a, 'py> {
    keys: &'a Keys<'py>,
    key: bool,
}

impl<'py> ToPython<'_, 'py> {
    fn py(self) -> Python<'py> {
        self.keys.py
    }

    fn value(self) -> Self {
        Self { key: false, ..self }
    }

    fn object<T: IntoPyObject<'py>>(self, value: T) -> Result<Bound<'py, PyAny>, Error> {
        Ok(value.into_bound_py_any(self.py())?)
    }

    /// `{variant: value}`, as serde_json writes an externally tagged variant.
    fn tagged(self, variant: &'static str, value: Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>, Error> {
        let dict = PyDict::new(self.py());
        dict.set_item(self.keys.get(variant), value)?;
        Ok(dict.into_any())
    }
}

/// A list being written, and the variant it is the content of, if any.
pub(crate) struct Seq<'a, 'py> {
    to: ToPython<'a, 'py>,
    items: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

/// A dict being written, its key waiting for its value, and the variant it is the content of.
pub(crate) struct Map<'a, 'py> {
    to: ToPython<'a, 'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'a, 'py> ser::Serializer for ToPython<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'a, 'py>;
    type SerializeTuple = Seq<'a, 'py>;
    type SerializeTupleStruct = Seq<'a, 'py>;
    type SerializeTupleVariant = Seq<'a, 'py>;
    type SerializeMap = Map<'a, 'py>;
    type SerializeStruct = Map<'a, 'py>;
    type SerializeStructVariant = Map<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok, Error> {
        self.object(v)
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok, Error> {
        if self.key {
            Ok(self.keys.get(v).into_any())
        } else {
            Ok(PyString::new(self.py(), v).into_any())
        }
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok, Error> {
        Ok(PyBytes::new(self.py(), v).into_any())
    }
    fn serialize_none(self) -> Result<Self::Ok, Error> {
        Ok(self.py().None().into_bound(self.py()))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok, Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok, Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok, Error> {
        Ok(self.keys.get(variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        let value = value.serialize(self.value())?;
        self.tagged(variant, value)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a, 'py>, Error> {
        Ok(Seq {
            to: self.value(),
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, Error> {
        let mut seq = self.serialize_seq(Some(len))?;
        seq.variant = Some(variant);
        Ok(seq)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a, 'py>, Error> {
        Ok(Map {
            to: self.value(),
            dict: PyDict::new(self.py()),
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Map<'a, 'py>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Map<'a, 'py>, Error> {
        let mut map = self.serialize_map(Some(len))?;
        map.variant = Some(variant);
        Ok(map)
    }
}

impl<'py> Seq<'_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(self.to)?);
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>, Error> {
        let list = PyList::new(self.to.py(), self.items)?.into_any();
        match self.variant {
            Some(variant) => self.to.tagged(variant, list),
            None => Ok(list),
        }
    }
}

impl<'py> Map<'_, 'py> {
    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(ToPython { key: true, ..self.to })?);
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without its key"))?;
        self.dict.set_item(key, value.serialize(self.to)?)?;
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.dict.set_item(self.to.keys.get(key), value.serialize(self.to)?)?;
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>, Error> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(variant) => self.to.tagged(variant, dict),
            None => Ok(dict),
        }
    }
}

macro_rules! seq_impl {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<'py> ser::$trait for Seq<'_, 'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            fn end(self) -> Result<Self::Ok, Error> {
                self.finish()
            }
        }
    )*};
}

seq_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<'py> ser::SerializeMap for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.value(value)
    }
    fn end(self) -> Result<Self::Ok, Error> {
        self.finish()
    }
}

macro_rules! struct_impl {
    ($($trait:ident),*) => {$(
        impl<'py> ser::$trait for Map<'_, 'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<Self::Ok, Error> {
                self.finish()
            }
        }
    )*};
}

struct_impl!(SerializeStruct, SerializeStructVariant);
