//! A minimal wrapper over the raw JNI function table.
//!
//! Hand-written instead of the `jni` crate's safe API: that API costs about 45 ns per crossing and its panic
//! policies lose formatted panic messages (jni-boundary.md, "Pitfalls met" 1). We need only a handful of calls.

use std::ffi::CStr;

use std::ffi::c_void;

use jni_sys::{
    jarray, jclass, jintArray, jmethodID, jobject, jobjectArray, jsize, jstring, jvalue, JNIEnv, JNINativeInterface__1_6, JNI_ABORT,
};

use crate::guard::Failure;

/// The `JNIEnv*` handed to a native method; valid only on its thread, for the duration of the call.
pub(crate) struct Env(*mut JNIEnv);

impl Env {
    /// # Safety
    /// `raw` must be the `JNIEnv*` the JVM passed to the running native method.
    pub(crate) unsafe fn from_raw(raw: *mut JNIEnv) -> Self {
        Env(raw)
    }

    fn fns(&self) -> &JNINativeInterface__1_6 {
        // SAFETY: a live JNIEnv points at the JVM's function table; every JVM we support (Java 11+) implements
        // at least the JNI 1.6 functions.
        unsafe { &(**self.0).v1_6 }
    }

    pub(crate) fn exception_pending(&self) -> bool {
        // SAFETY: ExceptionCheck may be called at any time, even with an exception pending.
        unsafe { (self.fns().ExceptionCheck)(self.0) }
    }

    /// A class through the class loader of the class whose native method is running (a local ref).
    pub(crate) fn find_class(&self, name: &CStr) -> Result<jclass, Failure> {
        // SAFETY: valid env and NUL-terminated name; a null result leaves NoClassDefFoundError pending.
        let class = unsafe { (self.fns().FindClass)(self.0, name.as_ptr()) };
        if class.is_null() {
            Err(Failure::Pending)
        } else {
            Ok(class)
        }
    }

    pub(crate) fn method_id(&self, class: jclass, name: &CStr, sig: &CStr) -> Result<jmethodID, Failure> {
        // SAFETY: `class` is a live reference; a null result leaves NoSuchMethodError pending.
        let id = unsafe { (self.fns().GetMethodID)(self.0, class, name.as_ptr(), sig.as_ptr()) };
        if id.is_null() {
            Err(Failure::Pending)
        } else {
            Ok(id)
        }
    }

    /// A global ref to `obj` (valid on every thread until deleted).
    pub(crate) fn new_global_ref(&self, obj: jobject) -> Result<jobject, Failure> {
        // SAFETY: `obj` is a live reference; null means out of memory.
        let global = unsafe { (self.fns().NewGlobalRef)(self.0, obj) };
        if global.is_null() {
            Err(Failure::Internal("NewGlobalRef returned null".into()))
        } else {
            Ok(global)
        }
    }

    pub(crate) fn delete_global_ref(&self, obj: jobject) {
        // SAFETY: `obj` is a global ref this library created and no longer uses.
        unsafe { (self.fns().DeleteGlobalRef)(self.0, obj) }
    }

    pub(crate) fn delete_local_ref(&self, obj: jobject) {
        // SAFETY: `obj` is a local ref of this native frame that is not used afterwards.
        unsafe { (self.fns().DeleteLocalRef)(self.0, obj) }
    }

    /// A Java string as Rust text. Read as UTF-16 (not the modified UTF-8 of `GetStringUTF*`, which encodes NUL and
    /// supplementary characters differently and costs about 1 ns per char); unpaired surrogates are bad input.
    pub(crate) fn get_string(&self, s: jstring, what: &str) -> Result<String, Failure> {
        if s.is_null() {
            return Err(Failure::Data(format!("{what} is null")));
        }
        // SAFETY: `s` is a live, non-null java.lang.String reference; the buffer holds exactly `len` chars.
        let units = unsafe {
            let len = (self.fns().GetStringLength)(self.0, s);
            let mut buf = vec![0u16; usize::try_from(len).unwrap_or(0)];
            (self.fns().GetStringRegion)(self.0, s, 0, len, buf.as_mut_ptr());
            buf
        };
        String::from_utf16(&units).map_err(|_| Failure::Data(format!("{what} holds an unpaired surrogate")))
    }

    /// A new Java string (a local ref), built from UTF-16 so any text round-trips exactly.
    pub(crate) fn new_string(&self, text: &str) -> Result<jstring, Failure> {
        let units: Vec<u16> = text.encode_utf16().collect();
        let len = jsize::try_from(units.len()).map_err(|_| Failure::Internal("string too long for Java".into()))?;
        // SAFETY: `units` holds `len` UTF-16 code units; null means an exception (OutOfMemoryError) is pending.
        let s = unsafe { (self.fns().NewString)(self.0, units.as_ptr(), len) };
        if s.is_null() {
            Err(Failure::Pending)
        } else {
            Ok(s)
        }
    }

    /// Throws `new <class>(message)` through the constructor `ctor(String)`.
    pub(crate) fn throw(&self, class: jclass, ctor: jmethodID, message: &str) {
        let Ok(msg) = self.new_string(message) else { return };
        let args = [jvalue { l: msg }];
        // SAFETY: `ctor` is `class`'s `<init>(Ljava/lang/String;)V` and `args` matches it.
        let exception = unsafe { (self.fns().NewObjectA)(self.0, class, ctor, args.as_ptr()) };
        self.delete_local_ref(msg);
        if !exception.is_null() {
            // SAFETY: `exception` is a live Throwable reference.
            unsafe { (self.fns().Throw)(self.0, exception) };
            self.delete_local_ref(exception);
        }
    }

    /// Throws with `ThrowNew`, for when the cached classes are not there. `message` must be plain ASCII (it is read
    /// as modified UTF-8).
    pub(crate) fn throw_new(&self, class_name: &CStr, message: &CStr) {
        if let Ok(class) = self.find_class(class_name) {
            // SAFETY: `class` is a Throwable class and `message` is NUL-terminated.
            unsafe { (self.fns().ThrowNew)(self.0, class, message.as_ptr()) };
            self.delete_local_ref(class);
        }
    }

    /// The length of a Java array; null is bad input.
    pub(crate) fn array_length(&self, array: jarray, what: &str) -> Result<usize, Failure> {
        if array.is_null() {
            return Err(Failure::Data(format!("{what} is null")));
        }
        // SAFETY: `array` is a live, non-null array reference.
        let len = unsafe { (self.fns().GetArrayLength)(self.0, array) };
        Ok(usize::try_from(len).unwrap_or(0))
    }

    /// Pins a primitive array (`GetPrimitiveArrayCritical`). Until [`release_critical`](Self::release_critical),
    /// no other JNI call may be made on this thread.
    pub(crate) fn get_critical(&self, array: jarray) -> Result<*mut c_void, Failure> {
        // SAFETY: `array` is a live, non-null primitive array; null means out of memory (an exception pending).
        let p = unsafe { (self.fns().GetPrimitiveArrayCritical)(self.0, array, std::ptr::null_mut()) };
        if p.is_null() {
            Err(Failure::Pending)
        } else {
            Ok(p)
        }
    }

    /// Unpins an array from [`get_critical`](Self::get_critical); `changed`: copy back (else discarded, which only
    /// matters when the JVM gave a copy).
    pub(crate) fn release_critical(&self, array: jarray, p: *mut c_void, changed: bool) {
        // SAFETY: `p` came from GetPrimitiveArrayCritical on `array` and is not used afterwards.
        unsafe { (self.fns().ReleasePrimitiveArrayCritical)(self.0, array, p, if changed { 0 } else { JNI_ABORT }) }
    }

    /// A copy of a `byte[]` (for the cold paths).
    pub(crate) fn byte_array(&self, array: jarray, what: &str) -> Result<Vec<u8>, Failure> {
        let len = self.array_length(array, what)?;
        let mut buf = vec![0u8; len];
        // SAFETY: `array` is a live byte[] of `len` elements; `buf` holds `len` bytes.
        unsafe { (self.fns().GetByteArrayRegion)(self.0, array, 0, len as jsize, buf.as_mut_ptr().cast()) };
        Ok(buf)
    }

    /// A new `int[]` holding `values` (a local ref).
    pub(crate) fn new_int_array(&self, values: &[i32]) -> Result<jintArray, Failure> {
        let len = jsize::try_from(values.len()).map_err(|_| Failure::Internal("array too long for Java".into()))?;
        // SAFETY: null means an exception (OutOfMemoryError) is pending.
        let array = unsafe { (self.fns().NewIntArray)(self.0, len) };
        if array.is_null() {
            return Err(Failure::Pending);
        }
        // SAFETY: `array` has `len` elements and `values` as many.
        unsafe { (self.fns().SetIntArrayRegion)(self.0, array, 0, len, values.as_ptr()) };
        Ok(array)
    }

    /// A new `String[]` (a local ref); `string_class` is `java.lang.String`.
    pub(crate) fn new_string_array(&self, string_class: jclass, values: &[String]) -> Result<jobjectArray, Failure> {
        let len = jsize::try_from(values.len()).map_err(|_| Failure::Internal("array too long for Java".into()))?;
        // SAFETY: `string_class` is a live class reference; null means an exception is pending.
        let array = unsafe { (self.fns().NewObjectArray)(self.0, len, string_class, std::ptr::null_mut()) };
        if array.is_null() {
            return Err(Failure::Pending);
        }
        for (i, v) in values.iter().enumerate() {
            let s = self.new_string(v)?;
            // SAFETY: `i < len` and `s` is a String, the array's element type.
            unsafe { (self.fns().SetObjectArrayElement)(self.0, array, i as jsize, s) };
            self.delete_local_ref(s);
        }
        Ok(array)
    }

    /// The strings of a `String[]` (null elements are bad input).
    pub(crate) fn string_array(&self, array: jobjectArray, what: &str) -> Result<Vec<String>, Failure> {
        let len = self.array_length(array, what)?;
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            // SAFETY: `i` is in range; the element is a local ref (or null).
            let s = unsafe { (self.fns().GetObjectArrayElement)(self.0, array, i as jsize) };
            if self.exception_pending() {
                return Err(Failure::Pending);
            }
            let text = self.get_string(s, what);
            if !s.is_null() {
                self.delete_local_ref(s);
            }
            out.push(text?);
        }
        Ok(out)
    }
}
